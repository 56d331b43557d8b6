using System.Text.Json;
using Territories.Domain.Contracts;
using Territories.Domain.Plans;

namespace Territories.Cli;

/// <summary>Reads documents this tool wrote: a plan (contract section 2), a quota plan (section 5).</summary>
public static class PlanReader
{
    public static Plan Read(string json) => Read<Plan>(json, "a plan");

    public static T Read<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ContractSerializer.Options) ?? throw Invalid("is empty");
        }
        catch (JsonException e)
        {
            throw Invalid($"is not {what}: {e.Message}");
        }
    }

    private static InvalidInputException Invalid(string message) => new([new InputError("$", message)]);
}
