using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Territories.Web.Tests;

/// <summary>The run page's visits: a week planned, a rep's day on its map with its stops, the unplanned visits, the calendar.</summary>
public sealed partial class WorkspaceTests
{
    [Fact]
    public async Task A_planner_plans_a_week_of_visits_and_sees_a_reps_day_route_its_stops_what_could_not_be_planned_and_the_calendar()
    {
        var runId = await _runs.CompletedAsync(SampleRuns.Today);
        var page = await host.SignedInAsync("planner");
        await page.GotoAsync($"/#/runs/{runId}");
        await Expect(page.Locator("main [data-ready]")).ToBeAttachedAsync(new() { Timeout = 120_000 });
        await page.Locator("details.visits > summary").ClickAsync();
        // The sample has no policy in force: the contract's example is offered, and said so.
        await Expect(page.Locator("details.visits form")).ToContainTextAsync("From the contract's example");
        var policyText = await page.GetByLabel("Visit policy (JSON)").InputValueAsync();
        var policy = JsonDocument.Parse(policyText).RootElement.Clone();

        await page.GetByLabel("Visit policy (JSON)").FillAsync("{ \"tiers\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan visits" }).ClickAsync();
        await Expect(page.Locator("details.visits .field-error")).ToContainTextAsync("policy: ");
        await Expect(page.Locator("details.visits .form-problem")).ToContainTextAsync("The visit policy is not JSON");
        await page.GetByLabel("Visit policy (JSON)").FillAsync(policyText);

        await page.GetByLabel("Start date").FillAsync("2027-02-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan visits" }).ClickAsync();
        await Expect(page.Locator("details.visits .field-error")).ToContainTextAsync("from: must be a date such as 2027-01-01, not \"2027-02-30\"", new() { Timeout = 60_000 });
        await Expect(page.GetByLabel("Start date")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("details.visits .field-error")).ToHaveCountAsync(1);

        await page.GetByLabel("Start date").FillAsync("2027-01-04");
        await page.GetByLabel("Weeks").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan visits" }).ClickAsync();
        await Expect(page.GetByLabel("Rep", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(page.Locator("details.visits .field-error")).ToHaveCountAsync(0);

        // The same request through the API (the plan is deterministic): r001's busiest day and its unplanned visits.
        var answer = await host.Admin.PostAsJsonAsync($"/api/v1/runs/{runId}/visits", new { policy, from = "2027-01-04", weeks = 1 });
        answer.EnsureSuccessStatusCode();
        var plan = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var days = plan.GetProperty("reps").EnumerateArray().Single(r => r.GetProperty("repId").GetString() == "r001").GetProperty("days").EnumerateArray().ToList();
        Assert.InRange(days.Count, 1, 5);
        var day = days.OrderByDescending(d => d.GetProperty("stops").GetArrayLength()).First();
        var stops = day.GetProperty("stops").EnumerateArray().ToList();
        Assert.NotEmpty(stops);
        var unplanned = plan.GetProperty("unplanned").EnumerateArray().Count(u => u.GetProperty("repId").GetString() == "r001");

        await page.GetByLabel("Rep", new() { Exact = true }).SelectOptionAsync("r001");
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync(day.GetProperty("date").GetString()!);
        var count = stops.Count.ToString(CultureInfo.InvariantCulture);
        await Expect(page.Locator("table.stops tbody tr")).ToHaveCountAsync(stops.Count);
        await Expect(page.Locator("table.stops tbody tr").First).ToContainTextAsync(stops[0].GetProperty("accountId").GetString()!);
        await Expect(page.Locator("table.stops tbody tr").First).ToContainTextAsync(stops[0].GetProperty("arrival").GetString()!);
        var map = page.Locator(".route-map");
        await Expect(map).ToHaveAttributeAsync("data-route", count);
        await Expect(map).ToHaveAttributeAsync("data-route-points", (stops.Count + 2).ToString(CultureInfo.InvariantCulture));
        await Expect(map.Locator(".leaflet-tooltip.route-stop")).ToHaveCountAsync(stops.Count);
        await Expect(map.Locator(".leaflet-tooltip.route-stop").First).ToHaveTextAsync($"1 · {stops[0].GetProperty("start").GetString()}");
        await Expect(map.Locator(".leaflet-tooltip.route-home")).ToHaveCountAsync(1);
        if (unplanned == 0) await Expect(page.Locator(".unplanned .none")).ToContainTextAsync("None");
        else await Expect(page.Locator("table.unplanned-visits tbody tr")).ToHaveCountAsync(unplanned);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the rep's calendar (.ics)" }).ClickAsync());
        Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
        var ics = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains(stops[0].GetProperty("accountId").GetString()!, ics, StringComparison.Ordinal);
        Assert.Empty(host.ErrorsOf(page));
        await BrowserHost.ScreenshotAsync(page.Locator("details.visits"), "visits");
    }
}
