using Territories.Domain.Contracts;

namespace Territories.Cli;

/// <summary>Reads an input file; every error names the file, then the field path.</summary>
public static class InputFile
{
    public static T Read<T>(string path, Func<string, T> parse)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException([new InputError(path, $"cannot be read: {e.Message}")]);
        }
        try
        {
            return parse(text);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(error => error with { Path = $"{path}: {error.Path}" }).ToList());
        }
    }
}
