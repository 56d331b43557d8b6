using Territories.Domain.Contracts;
using Territories.Domain.Samples;

namespace Territories.Geo;

/// <summary>The counties of some states as places of a generated book: weighted by population, accounts spread within the county.</summary>
public static class CountyPlaces
{
    /// <summary>The counties whose state FIPS code is one of <paramref name="stateFips"/>; a code no county has is invalid input.</summary>
    public static IReadOnlyList<UnitShape> InStates(IReadOnlyList<UnitShape> counties, IReadOnlyCollection<string> stateFips)
    {
        var missing = stateFips.Where(s => !counties.Any(c => InState(c, s))).ToList();
        if (missing.Count > 0)
            throw new InvalidInputException(missing.Select(s => new InputError("--state", $"no county has state FIPS \"{s}\"")).ToList());
        return counties.Where(c => stateFips.Any(s => InState(c, s))).ToList();
    }

    /// <summary>
    /// The county as a place: its interior point, population^exponent as its weight, and accounts spread around the point
    /// by a sixth of the county's smaller extent (at least 1 km).
    /// </summary>
    public static Place Of(UnitShape county, double exponent = 1)
    {
        var facts = CountyAtlas.FactsOf(county);
        var size = county.Geometry.EnvelopeInternal;
        var km = Math.Min(size.Width * Math.Cos(facts.Interior.Lat * Math.PI / 180), size.Height) * 111;
        return new Place(facts.Name, facts.Interior, Math.Pow(Math.Max(facts.Population, 1), exponent), county.Id, Math.Max(1, km / 6));
    }

    private static bool InState(UnitShape county, string stateFips) =>
        county.Text("stateFips") == stateFips || county.Id.Value.StartsWith(stateFips, StringComparison.Ordinal);
}
