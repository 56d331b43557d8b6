using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Territories.Api.Tests;

/// <summary><c>GET /api/v1/datasets/{id}/hiring-request</c>: the request a stored book implies, ready for the hiring planner.</summary>
public sealed class HiringRequestTests
{
    [Fact]
    public async Task A_books_request_has_its_reps_and_grown_demand_per_quarter_and_plans_as_it_is()
    {
        await using var embedded = new EmbeddedStoreHost();
        var client = embedded.Host.CreateClient();
        var created = await client.PostAsync("/api/v1/datasets", new StringContent(Books.Small(), System.Text.Encoding.UTF8, "application/json"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var request = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/{id}/hiring-request?start=2027-Q1&quarters=4&growth=0.2");

        Assert.Equal("2027-Q1", request.GetProperty("start").GetString());
        Assert.Equal(5, request.GetProperty("reps").GetArrayLength());
        var demand = request.GetProperty("demand").EnumerateArray().ToList();
        Assert.Equal(["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"], demand.Select(d => d.GetProperty("quarter").GetString()).Distinct().Order());
        double Quarter(string q) => demand.Where(d => d.GetProperty("quarter").GetString() == q).Sum(d => d.GetProperty("workload").GetDouble());
        Assert.InRange(Quarter("2027-Q4") / Quarter("2027-Q1"), Math.Pow(1.2, 0.75) - 0.01, Math.Pow(1.2, 0.75) + 0.01);

        var plan = await client.PostAsync("/api/v1/hiring/plan", new StringContent(request.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
    }

    [Fact]
    public async Task A_bad_quarter_or_horizon_is_named_and_an_unknown_dataset_is_404()
    {
        await using var embedded = new EmbeddedStoreHost();
        var client = embedded.Host.CreateClient();

        var bad = await client.GetAsync("/api/v1/datasets/any/hiring-request?start=2027-Q5&quarters=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("2027-Q5", errors.GetProperty("start")[0].GetString());
        Assert.True(errors.TryGetProperty("quarters", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/missing/hiring-request?start=2027-Q1")).StatusCode);
    }
}
