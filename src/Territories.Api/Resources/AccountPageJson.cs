using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>
/// Answers an <see cref="AccountPage"/> from the stored accounts' JSON as it is, without reading it into objects and
/// writing it again: a page costs its rows and nothing more.
/// </summary>
public sealed class AccountPageJson(AccountRows rows, int offset, int limit) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteNumber("total", rows.Total);
        json.WriteNumber("offset", offset);
        json.WriteNumber("limit", limit);
        json.WriteStartArray("items");
        foreach (var account in rows.Items) json.WriteRawValue(account, skipInputValidation: true);
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AccountPage), ["application/json"]));
}
