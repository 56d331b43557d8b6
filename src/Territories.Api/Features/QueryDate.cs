using System.Globalization;
using Territories.Domain.Contracts;

namespace Territories.Api.Features;

/// <summary>Optional yyyy-MM-dd query parameters.</summary>
internal static class QueryDate
{
    public static DateOnly? Parse(string name, string? text, List<InputError> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(new InputError(name, $"must be a date such as 2027-08-01, not \"{text}\""));
        return null;
    }
}
