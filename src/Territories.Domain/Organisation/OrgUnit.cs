namespace Territories.Domain.Organisation;

/// <summary>A unit of the sales organisation (a region, a district, a team); a unit without a parent is a root.</summary>
public sealed record OrgUnit(string Id, string? Name, string? ParentId);
