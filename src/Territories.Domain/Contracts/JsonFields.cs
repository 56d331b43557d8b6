using System.Globalization;
using System.Text.Json;

namespace Territories.Domain.Contracts;

/// <summary>
/// Reads the fields of one JSON object by name, recording an error with its field path for anything missing, mistyped or
/// out of range, and, on <see cref="RejectUnknown"/>, for every field that was never asked for (a typo must not be ignored).
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly List<InputError> _errors;
    private readonly HashSet<string> _asked = [];

    private JsonFields(JsonElement element, string path, List<InputError> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    /// <summary>Wraps <paramref name="element"/> when it is an object; records an error and returns null otherwise.</summary>
    public static JsonFields? Of(JsonElement element, string path, List<InputError> errors)
    {
        if (element.ValueKind == JsonValueKind.Object) return new JsonFields(element, path, errors);
        errors.Add(new InputError(path, $"must be an object, not {Describe(element)}"));
        return null;
    }

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string name, string message) => _errors.Add(new InputError(PathOf(name), message));

    public bool Has(string name) => _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, bool required = false)
    {
        if (Get(name, required) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!;
            if (required && s.Trim().Length == 0) Error(name, "must not be empty");
            return s;
        }
        Error(name, $"must be a string, not {Describe(v)}");
        return null;
    }

    /// <summary>A string that holds a secret (a password): an error never quotes the value.</summary>
    public string? Secret(string name)
    {
        if (Get(name, required: false) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        Error(name, "must be a string");
        return null;
    }

    public double? Number(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Get(name, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            Error(name, $"must be a finite number, not {Describe(v)}");
            return null;
        }
        return InRange(name, d, min, max) ? d : null;
    }

    public decimal? Decimal(string name, bool required = false, decimal min = decimal.MinValue)
    {
        if (Get(name, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
        {
            Error(name, $"must be a decimal number, not {Describe(v)}");
            return null;
        }
        if (d >= min) return d;
        Error(name, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, not {d.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    public int? Integer(string name, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
        {
            Error(name, $"must be a whole number, not {Describe(v)}");
            return null;
        }
        return InRange(name, i, min, max) ? i : null;
    }

    /// <summary>A date written yyyy-MM-dd.</summary>
    public DateOnly? Date(string name, bool required = false)
    {
        if (String(name, required) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(name, $"must be a date such as 2027-01-01, not \"{text}\"");
        return null;
    }

    public bool? Bool(string name)
    {
        if (Get(name, false) is not { } v) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Error(name, $"must be true or false, not {Describe(v)}");
        return null;
    }

    public JsonFields? Object(string name, bool required = false) =>
        Get(name, required) is { } v ? Of(v, PathOf(name), _errors) : null;

    /// <summary>The array's items with their paths; an empty list when absent (and an error when required or not an array).</summary>
    public IReadOnlyList<(JsonElement Item, string Path)> Array(string name, bool required = false)
    {
        if (Get(name, required) is not { } v) return [];
        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"must be an array, not {Describe(v)}");
            return [];
        }
        return v.EnumerateArray().Select((item, i) => (item, $"{PathOf(name)}[{i}]")).ToList();
    }

    /// <summary>Every field of the object with its path (for objects keyed by name, such as a policy's tiers); all count as asked for.</summary>
    public IReadOnlyList<(string Name, JsonElement Value, string Path)> Properties()
    {
        var properties = _element.EnumerateObject().Select(p => (p.Name, p.Value, PathOf(p.Name))).ToList();
        foreach (var (name, _, _) in properties) _asked.Add(name);
        return properties;
    }

    /// <summary>An array of strings as a set; errors for items that are not strings.</summary>
    public IReadOnlySet<string> StringSet(string name)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, path) in Array(name))
        {
            if (item.ValueKind == JsonValueKind.String) set.Add(item.GetString()!);
            else _errors.Add(new InputError(path, $"must be a string, not {Describe(item)}"));
        }
        return set;
    }

    /// <summary>Records an error for every field of the object that no reader asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_asked.Contains(property.Name))
                Error(property.Name, $"unknown field (expected one of: {string.Join(", ", _asked.Order(StringComparer.Ordinal))})");
        }
    }

    private JsonElement? Get(string name, bool required)
    {
        _asked.Add(name);
        if (_element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null) return v;
        if (required) Error(name, "is required");
        return null;
    }

    private bool InRange<T>(string name, T value, T min, T max) where T : IComparable<T>, IFormattable
    {
        if (value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0) return true;
        var range = max.CompareTo(Max<T>()) == 0 ? $"at least {Format(min)}" : $"within [{Format(min)}, {Format(max)}]";
        Error(name, $"must be {range}, not {Format(value)}");
        return false;
    }

    private static T Max<T>() => (T)(typeof(T) == typeof(int) ? (object)int.MaxValue : double.MaxValue);

    private static string Format<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(v.GetString()!)}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
