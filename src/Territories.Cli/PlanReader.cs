using System.Text.Json;
using Territories.Domain.Contracts;
using Territories.Domain.Plans;

namespace Territories.Cli;

/// <summary>Reads a plan this tool wrote (contract section 2).</summary>
public static class PlanReader
{
    public static Plan Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Plan>(json, ContractSerializer.Options) ?? throw Invalid("is empty");
        }
        catch (JsonException e)
        {
            throw Invalid($"is not a plan: {e.Message}");
        }
    }

    private static InvalidInputException Invalid(string message) => new([new InputError("$", message)]);
}
