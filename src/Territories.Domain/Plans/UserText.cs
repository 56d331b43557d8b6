using System.Globalization;

namespace Territories.Domain.Plans;

/// <summary>How numbers read in messages to users: "12.5%", "1,234.5".</summary>
public static class UserText
{
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
