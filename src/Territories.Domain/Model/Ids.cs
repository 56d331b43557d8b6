namespace Territories.Domain.Model;

/// <summary>Identifies a sales rep (or an open position). Never empty.</summary>
public readonly record struct RepId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Identifies an account (a customer). Never empty.</summary>
public readonly record struct AccountId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Identifies a geographic unit (a county, postal code or district).</summary>
public readonly record struct UnitId(string Value)
{
    public override string ToString() => Value;
}
