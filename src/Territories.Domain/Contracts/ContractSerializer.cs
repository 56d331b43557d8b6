using System.Text.Json;
using System.Text.Json.Serialization;
using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>JSON options for everything this service writes: camelCase names and enums, ids as plain strings.</summary>
public static class ContractSerializer
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>The same options without indentation, for documents kept one per row.</summary>
    public static JsonSerializerOptions CompactOptions { get; } = Create(indented: false);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new IdConverter<RepId>(s => new RepId(s), id => id.Value));
        options.Converters.Add(new IdConverter<AccountId>(s => new AccountId(s), id => id.Value));
        options.Converters.Add(new IdConverter<UnitId>(s => new UnitId(s), id => id.Value));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class IdConverter<T>(Func<string, T> create, Func<T, string> value) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            create(reader.GetString() ?? throw new JsonException("an id must be a string"));

        public override void Write(Utf8JsonWriter writer, T id, JsonSerializerOptions options) => writer.WriteStringValue(value(id));
    }
}
