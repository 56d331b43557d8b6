using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Territories.Web.Tests;

/// <summary>The planning workspace in a real browser: what planners, viewers and HR see and do on the page.</summary>
public sealed partial class WorkspaceTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private readonly SampleRuns _runs = Shared(host);
    private static readonly Dictionary<BrowserHost, SampleRuns> RunsByHost = [];

    private static SampleRuns Shared(BrowserHost host)
    {
        lock (RunsByHost) return RunsByHost.TryGetValue(host, out var runs) ? runs : RunsByHost[host] = new SampleRuns(host.Admin);
    }

    [Fact]
    public async Task A_planner_signs_in_and_sees_who_she_is_and_the_datasets()
    {
        var page = await host.SignedInAsync("planner");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToContainTextAsync("Scenarios");
        await Expect(page.Locator("table.datasets")).ToContainTextAsync("sample");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).First).ToBeVisibleAsync();
        Assert.Empty(host.ErrorsOf(page));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_readable_message()
    {
        await host.UserAsync("planner");
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("planner-user");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".problem")).ToContainTextAsync("Sign-in failed");
        await Expect(page.Locator("#who")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Uploading_the_two_csv_files_makes_a_dataset_and_a_bad_row_is_named_next_to_its_file()
    {
        var page = await host.SignedInAsync("planner");
        var folder = Directory.CreateTempSubdirectory("territories-csv-").FullName;
        var reps = Path.Combine(folder, "reps.csv");
        var accounts = Path.Combine(folder, "accounts.csv");
        var bad = Path.Combine(folder, "bad-accounts.csv");
        await File.WriteAllTextAsync(reps, "id,name,lat,lon,capacity,skills\nr1,Ann,30.3,-97.7,100,enterprise\nr2,Bob,29.8,-95.4,100,\n");
        await File.WriteAllTextAsync(accounts, "id,name,lat,lon,workload,segment,tier,requiredSkills,currentRepId\n" +
            string.Concat(Enumerable.Range(1, 12).Select(i => $"a{i},Account {i},{30 + i * 0.05:0.00},{-97 + i * 0.05:0.00},5,{(i % 2 == 0 ? "smb" : "enterprise")},{(i % 3 == 0 ? "A" : "B")},{(i == 1 ? "enterprise" : "")},r{1 + i % 2}\n")));
        await File.WriteAllTextAsync(bad, "id,workload\nb1,3\nb2,-4\n");

        await page.GetByLabel("Dataset name").FillAsync("bad upload");
        await page.GetByLabel("reps.csv").SetInputFilesAsync(reps);
        await page.GetByLabel("accounts.csv").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).First.ClickAsync();
        var accountsField = page.Locator(".field", new() { Has = page.GetByLabel("accounts.csv") });
        await Expect(accountsField.Locator(".field-error")).ToContainTextAsync("accounts.csv[row 3].workload");

        await page.GetByLabel("Dataset name").FillAsync("two reps");
        await page.GetByLabel("accounts.csv").SetInputFilesAsync(accounts);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "two reps" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("2 reps, 12 accounts");
        await Expect(page.Locator("table.accounts caption")).ToContainTextAsync("of 12");

        await page.GetByLabel("Segment").SelectOptionAsync("smb");
        await Expect(page.Locator("table.accounts caption")).ToContainTextAsync("of 6");
        await Expect(page.Locator("table.accounts tbody tr")).ToHaveCountAsync(6);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the accounts on the map" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts coloured by current rep" })).ToBeVisibleAsync();
        await Expect(page.Locator(".map[data-layer=points] canvas")).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(page, "dataset");
    }

    [Fact]
    public async Task A_planner_creates_a_scenario_runs_it_watches_progress_and_sees_the_map_and_rep_table()
    {
        var page = await host.SignedInAsync("planner");
        await NewScenarioAsync(page, "browser baseline", "3");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Scenario: browser baseline" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start a run" }).ClickAsync();
        await Expect(page.Locator(".state")).ToContainTextAsync("State:", new() { Timeout = 240_000 });
        await Expect(page.Locator("table.reps tbody tr")).ToHaveCountAsync(12, new() { Timeout = 240_000 });
        await Expect(page.Locator(".state")).ToContainTextAsync("completed");
        await Expect(page.Locator(".map canvas")).ToBeVisibleAsync();
        await Expect(page.Locator("dl.kpis")).ToContainTextAsync("Moved accounts");
        await Expect(page.Locator("table.reps")).ToContainTextAsync("r001");
        Assert.Empty(host.ErrorsOf(page));
        await BrowserHost.ScreenshotAsync(page, "run");
    }

    [Fact]
    public async Task The_live_view_shows_progress_and_a_manager_can_cancel_a_planners_run()
    {
        var planner = await host.SignedInAsync("planner");
        var page = await host.SignedInAsync("manager");
        var scenario = await host.Admin.PostAsync("/api/v1/scenarios", new StringContent(
            """{ "name": "long", "datasetId": "sample", "options": { "timeLimitSeconds": 600, "workers": 1 } }""", System.Text.Encoding.UTF8, "application/json"));
        var scenarioId = (await scenario.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var run = await (await host.Admin.PostAsync($"/api/v1/scenarios/{scenarioId}/runs", null)).Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("id").GetString();

        try
        {
            await planner.GotoAsync($"/#/runs/{runId}");
            await Expect(planner.Locator(".state")).ToContainTextAsync("elapsed");
            await Expect(planner.GetByRole(AriaRole.Button, new() { Name = "Cancel the run" })).ToHaveCountAsync(0);
            await page.GotoAsync($"/#/runs/{runId}");
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Best objective and bound over time" })).ToBeVisibleAsync();
            await Expect(page.Locator(".state")).ToContainTextAsync("elapsed");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the run" }).ClickAsync();
            await Expect(page.Locator(".state")).ToContainTextAsync("cancelled", new() { Timeout = 240_000 });
        }
        finally
        {
            await host.Admin.DeleteAsync($"/api/v1/runs/{runId}");
        }
    }

    [Fact]
    public async Task Moving_a_county_by_hand_breaks_a_rule_changes_the_figures_and_can_be_undone_or_saved()
    {
        var runId = await _runs.CompletedAsync(SampleRuns.Today);
        var page = await host.SignedInAsync("planner");
        await page.GotoAsync($"/#/runs/{runId}");
        await Expect(page.Locator("main [data-ready]")).ToBeAttachedAsync(new() { Timeout = 120_000 });
        var moved = page.Locator("dd[data-kpi='Moved accounts']");
        var before = await moved.InnerTextAsync();

        await page.GetByLabel("Pick a unit (county id) or an account id").FillAsync("48201");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pick", Exact = true }).ClickAsync();
        await Expect(page.Locator(".selection .selected")).ToContainTextAsync("Harris (48201)");
        var current = Regex.Match(await page.Locator(".selection .selected").InnerTextAsync(), @"\((r\d+)\)").Groups[1].Value;
        var target = current == "r012" ? "r011" : "r012";
        await page.GetByLabel("Give to rep").SelectOptionAsync(target);
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edited plan (evaluated)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Broken rules" }).Locator("li").First).ToBeVisibleAsync();
        await Expect(page.Locator("section[aria-label=Figures]")).ToContainTextAsync(target);
        await Expect(page.Locator("dd[data-kpi='Hard rules']")).ToContainTextAsync("broken");
        await Expect(moved).Not.ToHaveTextAsync(before);
        await Expect(page.Locator("table.reps")).ToContainTextAsync("outside band");
        await BrowserHost.ScreenshotAsync(page, "rebalance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose this plan" }).ClickAsync();
        await Expect(page.Locator("form.propose .form-problem")).ToContainTextAsync("The edited plan breaks hard rules");

        await page.GetByLabel("New scenario name").FillAsync("Harris moved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as new scenario" }).ClickAsync();
        await Expect(page.Locator(".status")).ToContainTextAsync("locked to their new reps");
        var scenarios = await host.Admin.GetFromJsonAsync<JsonElement>("/api/v1/scenarios");
        var saved = scenarios.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Harris moved");
        var locks = saved.GetProperty("changes").GetProperty("accountsLocked").EnumerateArray().ToList();
        Assert.NotEmpty(locks);
        Assert.All(locks, l => Assert.Equal(target, l.GetProperty("repId").GetString()));

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan", Exact = true })).ToBeVisibleAsync();
        await Expect(moved).ToHaveTextAsync(before);
    }

    [Fact]
    public async Task Comparing_two_runs_shows_the_deltas_and_the_accounts_that_change_rep()
    {
        var today = await _runs.CompletedAsync(SampleRuns.Today);
        var leaves = await _runs.CompletedAsync(SampleRuns.R003Leaves);
        var page = await host.SignedInAsync("planner");
        await page.GotoAsync("/#/runs");
        await page.GetByLabel($"Compare run {today}").CheckAsync();
        await page.GetByLabel($"Compare run {leaves}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare the selected runs" }).ClickAsync();

        var figures = page.Locator("table.comparison");
        await Expect(figures).ToContainTextAsync($"Δ vs {today}");
        await Expect(figures.Locator("tr", new() { HasText = "Reps" })).ToContainTextAsync("−1");
        await Expect(page.Locator("table.changed caption")).Not.ToContainTextAsync("(0");
        await Expect(page.Locator("table.changed")).ToContainTextAsync("r003");
        var before = page.GetByRole(AriaRole.Region, new() { Name = $"Run {today} on the map" });
        var after = page.GetByRole(AriaRole.Region, new() { Name = $"Run {leaves} on the map" });
        await Expect(before.Locator(".map canvas")).ToBeVisibleAsync();
        await Expect(after.Locator(".map canvas")).ToBeVisibleAsync();
        await Expect(after.Locator(".legend li[data-rep=r003]")).ToHaveCountAsync(0);
        foreach (var rep in new[] { "r004", "r008", "r012" })
        {
            var colour = await before.Locator($".legend li[data-rep={rep}] .swatch").EvaluateAsync<string>("e => e.style.background");
            Assert.False(string.IsNullOrEmpty(colour));
            Assert.Equal(colour, await after.Locator($".legend li[data-rep={rep}] .swatch").EvaluateAsync<string>("e => e.style.background"));
        }
        await BrowserHost.ScreenshotAsync(page, "compare");
    }

    [Fact]
    public async Task Quotas_from_a_run_add_up_in_the_table_and_download_as_csv()
    {
        var runId = await _runs.CompletedAsync(SampleRuns.Today);
        var page = await host.SignedInAsync("planner");
        await page.GotoAsync($"/#/runs/{runId}/quotas");
        await page.GetByLabel("Goal").FillAsync("12000000");
        await page.GetByLabel("Calendar").SelectOptionAsync("4-4-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make quotas" }).ClickAsync();
        await Expect(page.Locator("table.quota-table tbody tr")).ToHaveCountAsync(13);
        await Expect(page.Locator("main")).ToContainTextAsync("The reps' quotas add up to the total.");

        var rows = await page.Locator("table.quota-table tbody tr").AllAsync();
        decimal Cell(string text) => decimal.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);
        var repYears = new List<decimal>();
        foreach (var row in rows.SkipLast(1))
        {
            var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(Cell).ToList();
            var months = cells.Where((_, i) => i < 16 && i % 4 != 3).Sum();
            var quarters = cells.Where((_, i) => i < 16 && i % 4 == 3).Sum();
            Assert.Equal(cells[^1], quarters);
            Assert.True(Math.Abs(months - cells[^1]) < 12, $"months {months} vs year {cells[^1]} (months are shown rounded to whole units)");
            repYears.Add(cells[^1]);
        }
        var total = (await rows[^1].Locator("td").AllInnerTextsAsync()).Select(Cell).ToList();
        Assert.Equal(12_600_000m, total[^1]);
        Assert.Equal(total[^1], repYears.Sum());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("rep,", csv[0]);
        Assert.Equal(14, csv.Length);
        await BrowserHost.ScreenshotAsync(page, "quotas");
    }

    [Fact]
    public async Task A_viewer_sees_plans_but_no_edit_controls()
    {
        var runId = await _runs.CompletedAsync(SampleRuns.Today);
        var page = await host.SignedInAsync("viewer");
        await Expect(page.Locator("table.datasets")).ToContainTextAsync("sample");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upload" })).ToHaveCountAsync(0);

        await page.GotoAsync("/#/scenarios");
        await Expect(page.Locator("table.scenarios")).ToContainTextAsync(SampleRuns.Today);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New scenario" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = SampleRuns.Today, Exact = true }).First.ClickAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start a run" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/#/runs/{runId}");
        await Expect(page.Locator("table.reps tbody tr")).ToHaveCountAsync(12);
        await page.GetByLabel("Pick a unit (county id) or an account id").FillAsync("48201");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pick", Exact = true }).ClickAsync();
        await Expect(page.Locator(".selection .selected")).ToContainTextAsync("Harris");
        await Expect(page.GetByLabel("Give to rep")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Quotas from this run" })).ToHaveCountAsync(0);
        await Expect(page.Locator("details.visits")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hiring" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Api_errors_show_as_readable_messages_next_to_the_field_or_on_the_page()
    {
        var page = await host.SignedInAsync("planner");
        await NewScenarioAsync(page, "bad limit", "-5");
        var limitField = page.Locator(".field", new() { Has = page.GetByLabel("Time limit (s)") });
        await Expect(limitField.Locator(".field-error")).ToContainTextAsync("options.timeLimitSeconds");
        await Expect(page.Locator(".form-problem")).ToContainTextAsync("The request is invalid");

        await page.GotoAsync("/#/runs/no-such-run");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This page could not be shown" })).ToBeVisibleAsync();
        await Expect(page.Locator(".problem")).ToContainTextAsync("no-such-run");
    }

    [Fact]
    public async Task Hr_plans_hiring_from_the_sample_book()
    {
        var page = await host.SignedInAsync("hr");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hiring" }).ClickAsync();
        await page.GetByLabel("First quarter").FillAsync("2027-Q1");
        await page.GetByLabel("Quarters", new() { Exact = true }).FillAsync("4");
        await page.GetByLabel("Growth per year").FillAsync("0.3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan hiring" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Capacity and demand hours per quarter" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(page.Locator("table", new() { HasText = "Per quarter" }).Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("table", new() { HasText = "What if" })).ToContainTextAsync("at most 2 hires a quarter");
        await BrowserHost.ScreenshotAsync(page, "hiring");
    }

    /// <summary>Fills the new-scenario form for the sample with a name and time limit, and submits it.</summary>
    private static async Task NewScenarioAsync(IPage page, string name, string timeLimit)
    {
        await page.GotoAsync("/#/scenarios/new?dataset=sample");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Time limit (s)").FillAsync(timeLimit);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create scenario" }).ClickAsync();
    }
}
