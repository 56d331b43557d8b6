using Territories.Domain.Model;

namespace Territories.Domain.Plans;

/// <summary>One soft goal's part of the objective, with the reason it is there.</summary>
/// <param name="Raw">The term in its natural unit (fraction, km x hours, revenue or moves, cost).</param>
/// <param name="Scale">What the raw value is divided by (see <see cref="ObjectiveScales"/>).</param>
/// <param name="Contribution">weight * raw / scale: this term's part of the objective.</param>
public sealed record ObjectiveTermValue(ObjectiveTerm Term, double Weight, double Raw, double Scale, decimal Contribution, string Reason);
