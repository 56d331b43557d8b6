namespace Territories.Domain.Contracts;

/// <summary>One problem with an input, at a field path such as <c>accounts[17].workload</c> (<c>$</c> is the whole document).</summary>
public sealed record InputError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when an input is invalid; carries every error found, not only the first.</summary>
public sealed class InvalidInputException(IReadOnlyList<InputError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<InputError> Errors { get; } = errors;
}
