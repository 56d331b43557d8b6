using System.Text.Json;
using Territories.Domain.Contracts;

namespace Territories.Domain.Visits;

/// <summary>Reads classification options: <c>{ "by": "potential"|"revenue"|"blend", "potentialWeight", "a", "b" }</c>, all optional.</summary>
public static class ClassificationReader
{
    public static ClassificationOptions Read(string json) => ContractJson.Read(json, Read);

    public static ClassificationOptions? Read(JsonElement root, List<InputError> errors) =>
        JsonFields.Of(root, "", errors) is { } fields ? Read(fields) : null;

    public static ClassificationOptions Read(JsonFields f)
    {
        var d = ClassificationOptions.Default;
        var by = f.String("by") is { } text ? ParseValue(text, f) ?? d.By : d.By;
        var weight = f.Number("potentialWeight", min: 0, max: 1) ?? d.PotentialWeight;
        var a = f.Number("a", min: 0, max: 1) ?? d.A;
        var b = f.Number("b", min: 0, max: 1) ?? d.B;
        if (a > b) f.Error("b", $"must be at least the A cut-off {a}, not {b}");
        f.RejectUnknown();
        return new ClassificationOptions(by, weight, a, b);
    }

    /// <summary>Options from separate values (command-line flags), checked with the same rules and field names.</summary>
    public static ClassificationOptions Create(ClassificationValue by, double potentialWeight, double a, double b)
    {
        List<InputError> errors = [];
        if (potentialWeight is < 0 or > 1) errors.Add(new InputError("potentialWeight", $"must be within [0, 1], not {potentialWeight}"));
        if (a is < 0 or > 1) errors.Add(new InputError("a", $"must be within [0, 1], not {a}"));
        if (b is < 0 or > 1) errors.Add(new InputError("b", $"must be within [0, 1], not {b}"));
        if (a > b) errors.Add(new InputError("b", $"must be at least the A cut-off {a}, not {b}"));
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return new ClassificationOptions(by, potentialWeight, a, b);
    }

    public static ClassificationValue? ParseValue(string text, JsonFields? fields = null)
    {
        if (Enum.TryParse<ClassificationValue>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
        fields?.Error("by", $"must be \"potential\", \"revenue\" or \"blend\", not \"{text}\"");
        return null;
    }
}
