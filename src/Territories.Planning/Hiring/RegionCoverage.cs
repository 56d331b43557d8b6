using Territories.Domain.Hiring;
using Territories.Domain.Organisation;

namespace Territories.Planning.Hiring;

/// <summary>
/// Which demand a rep's or hire's hours may cover (contract section 6, with org units as regions): the demand of its own
/// region, and, when regions are org units, the demand of every unit above its own: work booked on a region and not on
/// one of its districts is work any rep of the region's districts may do. Never a sibling's or a unit's below: a rep
/// of district west-a does not work district west-b's accounts, and a rep booked on the region is not placed in a district.
/// </summary>
internal sealed class RegionCoverage(HiringRequest request)
{
    private readonly OrgTree _tree = OrgTree.Of(request.OrgUnits);

    public bool Covers(string capacityRegion, string demandRegion) =>
        capacityRegion == demandRegion
        || (_tree.Contains(capacityRegion) && _tree.Contains(demandRegion)
            && _tree.SelfAndAncestors(_tree.IndexOf(capacityRegion)).Contains(_tree.IndexOf(demandRegion)));
}
