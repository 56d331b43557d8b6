using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Samples;

namespace Territories.Api.Tests;

/// <summary>
/// Datasets above the spooling threshold are read from the body as they are stored (everything but the accounts
/// first, then each account checked and written as it comes): what is stored is what the whole-document reader and
/// writer make of the same body, and an error deep in the accounts names its path and keeps the stored version.
/// </summary>
public abstract partial class ServiceTests
{
    /// <summary>A seeded 3,000-account, 20-rep book: about 1.5 MB of indented JSON, above the 1 MB kept in memory.</summary>
    private static TerritoryProblem LargeBook(int seed = 11) => SyntheticBook.Generate(new SyntheticBookSettings(3000, 20, Seed: seed));

    [Fact]
    public async Task LargeDataset_WrittenAsItIsRead_ExportsAndPagesWhatTheWholeDocumentReaderReads()
    {
        var (_, client) = await StartAsync();
        var book = LargeBook();
        var json = TerritoryProblemWriter.Write(book);
        Assert.True(Encoding.UTF8.GetByteCount(json) > 1 << 20);
        var id = await CreateDataset(client, json);

        await AssertStored(client, id, TerritoryProblemReader.Read(json), version: 1);

        // The same book with its accounts reversed and sent before the reps (the order of a document's fields is free).
        var reordered = JsonNode.Parse(TerritoryProblemWriter.Write(book.WithAccounts(book.Accounts.Reverse().ToList())))!.AsObject();
        var document = new JsonObject { ["accounts"] = reordered["accounts"]!.DeepClone() };
        foreach (var (name, value) in reordered.Where(p => p.Key != "accounts").ToList()) document[name] = value?.DeepClone();
        var replaced = await client.Put($"/api/v1/datasets/{id}", document.ToJsonString(), ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        await AssertStored(client, id, TerritoryProblemReader.Read(document.ToJsonString()), version: 2);
    }

    [Fact]
    public async Task LargeDataset_ErrorsDeepInTheAccounts_NameTheirPaths_AndKeepTheStoredVersion()
    {
        var (_, client) = await StartAsync();
        var book = LargeBook();
        var id = await CreateDataset(client, TerritoryProblemWriter.Write(book));
        var broken = JsonNode.Parse(TerritoryProblemWriter.Write(LargeBook(seed: 12)))!.AsObject();
        var accounts = broken["accounts"]!.AsArray();
        accounts[2873]!["location"]!["lat"] = 123.0;
        accounts[2990]!["lockedRepId"] = "r-nobody";
        accounts[2995]!["id"] = accounts[10]!["id"]!.GetValue<string>();

        var replace = await client.Put($"/api/v1/datasets/{id}", broken.ToJsonString());
        var create = await client.Post("/api/v1/datasets", broken.ToJsonString());

        foreach (var refused in new[] { replace, create })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(["accounts[2873].location.lat", "accounts[2990].lockedRepId", "accounts[2995].id"], refused.ErrorPaths.Order(StringComparer.Ordinal));
            Assert.Equal("must be within [-90, 90], not 123", refused.Body.GetProperty("errors").GetProperty("accounts[2873].location.lat")[0].GetString());
        }
        Assert.Single((await client.Get("/api/v1/datasets")).Body.EnumerateArray());
        await AssertStored(client, id, book, version: 1);
    }

    [Fact]
    public async Task LargeDataset_MalformedOrNotUtf8DeepInTheAccounts_IsRefusedAtTheDocument_AndKeepsTheStoredVersion()
    {
        var (_, client) = await StartAsync();
        var book = LargeBook();
        var json = TerritoryProblemWriter.Write(book);
        var id = await CreateDataset(client, json);
        var deep = json.IndexOf("\"a02900\"", StringComparison.Ordinal);
        Assert.True(deep > 1 << 20, "the damage lies past the first megabyte");
        var truncated = json[..(json.Length - 200)];
        var notUtf8 = Encoding.UTF8.GetBytes(json);
        notUtf8[Encoding.UTF8.GetByteCount(json[..(deep + 2)])] = 0xFF;

        var cut = await client.Put($"/api/v1/datasets/{id}", truncated);
        var bytes = await client.Send(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/datasets/{id}")
        {
            Content = new ByteArrayContent(notUtf8) { Headers = { ContentType = new("application/json") } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, cut.Status);
        Assert.Equal(["$"], cut.ErrorPaths);
        Assert.StartsWith("malformed JSON at line", cut.Body.GetProperty("errors").GetProperty("$")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bytes.Status);
        Assert.Contains("UTF-8", bytes.Body.GetProperty("errors").GetProperty("$")[0].GetString());
        await AssertStored(client, id, book, version: 1);
    }

    /// <summary>The export is the problem as the writer makes it; every page holds its accounts as the writer makes them; the detail its counts.</summary>
    private static async Task AssertStored(ServiceClient client, string id, TerritoryProblem problem, int version)
    {
        var export = await client.Get($"/api/v1/datasets/{id}/export");
        Assert.Equal(TerritoryProblemWriter.WriteCompact(problem), export.Text);
        var detail = await client.Get($"/api/v1/datasets/{id}");
        Assert.Equal((version, problem.Accounts.Count), (detail.Body.GetProperty("summary").GetProperty("version").GetInt32(),
            detail.Body.GetProperty("summary").GetProperty("accounts").GetInt32()));
        var pages = new List<string>();
        for (var offset = 0; offset < problem.Accounts.Count; offset += 1000)
        {
            var page = await client.Get($"/api/v1/datasets/{id}/accounts?offset={offset}&limit=1000");
            pages.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(item => item.GetRawText()));
        }
        Assert.Equal(problem.Accounts.Select(TerritoryProblemWriter.WriteAccount), pages);
        var segment = problem.Accounts[0].Segment!;
        var filtered = await client.Get($"/api/v1/datasets/{id}/accounts?segment={segment}&offset=5&limit=7");
        Assert.Equal(problem.Accounts.Where(a => a.Segment == segment).Skip(5).Take(7).Select(TerritoryProblemWriter.WriteAccount),
            filtered.Body.GetProperty("items").EnumerateArray().Select(item => item.GetRawText()));
    }
}
