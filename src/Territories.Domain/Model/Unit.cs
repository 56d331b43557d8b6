namespace Territories.Domain.Model;

/// <summary>A geographic unit and the units it touches (neighbour lists are read as two-way).</summary>
public sealed record Unit(UnitId Id, IReadOnlyList<UnitId> Neighbors);
