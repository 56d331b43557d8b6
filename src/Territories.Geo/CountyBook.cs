using Territories.Domain.Model;
using Territories.Domain.Samples;

namespace Territories.Geo;

/// <summary>
/// A synthetic book of business on real counties: accounts placed in one state's counties in proportion to their
/// population (at least one per county), within a few km of the county's interior point and always inside the county;
/// reps based in counties drawn by population; the counties with their shared-boundary neighbours as the units.
/// With <c>exponent</c> below 1 accounts follow population^exponent: business customers concentrate less than residents,
/// and no county then holds more work than one rep can carry (at 1, Harris County alone holds 16% of Texas).
/// </summary>
public static class CountyBook
{
    public static TerritoryProblem Generate(SyntheticBookSettings settings, IReadOnlyList<UnitShape> counties, string stateFips, bool contiguous, double exponent = 1)
    {
        var state = CountyPlaces.InStates(counties, [stateFips]);
        var units = UnitAdjacency.ToUnits(state, UnitAdjacency.FromShapes(state));
        var places = state.Select(c => CountyPlaces.Of(c, exponent)).ToList();
        var options = SyntheticBook.DefaultOptions with { Contiguity = contiguous };
        var name = $"{state[0].Text("state")} counties {settings.Accounts}x{settings.Reps} seed {settings.Seed}";
        var problem = SyntheticBook.Generate(settings, places, units, options, name);
        var locator = new UnitLocator(state);
        var interior = places.ToDictionary(p => p.Unit!.Value, p => p.Point);
        var inside = problem.Accounts.Select(a => locator.UnitOf(a.Location!.Value) == a.UnitId ? a : a with { Location = interior[a.UnitId!.Value] }).ToList();
        return TerritoryProblem.Create(problem.Reps, inside, problem.Options, units: problem.Units, name: problem.Name, orgUnits: problem.Org.Units);
    }
}
