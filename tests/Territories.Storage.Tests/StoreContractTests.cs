using Dapper;
using Territories.Domain.Actuals;
using Microsoft.Extensions.Time.Testing;
using Territories.Tests.Shared;

namespace Territories.Storage.Tests;

/// <summary>The store's contract, run against both engines (<see cref="SqliteStoreTests"/>, <see cref="PostgresStoreTests"/>).</summary>
public abstract class StoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));

    protected abstract Task<Database> CreateDatabaseAsync();

    private async Task<TerritoryStore> OpenAsync() => await TerritoryStore.OpenAsync(await CreateDatabaseAsync(), Time);

    private static ListedContent Book(string name = "book", int accounts = 3) =>
        new(name, 2, 0, """{"reps":[],"accounts":[]}""", Enumerable.Range(0, accounts).Select(Account).ToList());

    /// <summary>A dataset's content given whole: its rows in batches of two, so that every write goes over several batches.</summary>
    private sealed record ListedContent(string Name, int RepCount, int UnitCount, string Document, IReadOnlyList<DatasetAccount> Accounts) : DatasetContent
    {
        public string? Overview { get; init; }

        /// <summary>After this many batches the content throws, as an invalid account found half-way through a body does.</summary>
        public int? FailAfterBatches { get; init; }

        public override IEnumerable<IReadOnlyList<DatasetAccount>> AccountBatches()
        {
            var batches = 0;
            foreach (var batch in Accounts.Chunk(2))
            {
                if (batches++ == FailAfterBatches) throw new InvalidDataException("account 4 is invalid");
                yield return batch;
            }
        }

        public override DatasetDocument Complete() => new(Name, RepCount, UnitCount, System.Text.Encoding.UTF8.GetBytes(Document), Overview);
    }

    /// <summary>Account i: rep r(i mod 3), segment s(i mod 2), tier T(i mod 5).</summary>
    private static DatasetAccount Account(int i) => new($"r{i % 3}", $"s{i % 2}", $"T{i % 5}", $$"""{"id":"a{{i}}"}""");

    [Fact]
    public async Task Migrate_RunTwice_AppliesEachVersionOnce()
    {
        var database = await CreateDatabaseAsync();
        var first = await Migrator.MigrateAsync(database, Time);
        var second = await Migrator.MigrateAsync(database, Time);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task PlanInForce_PublishesFromADay_AnswersAsOfAndHistory_AndRefusesAStaleSeq()
    {
        var store = await OpenAsync();
        var dataset = await store.Datasets.CreateAsync(Book(accounts: 4)); // a0 r0, a1 r1, a2 r2, a3 r0
        var july = new DateOnly(2027, 7, 1);
        var plan = new Dictionary<string, string> { ["a0"] = "r1", ["a1"] = "r1", ["a2"] = "r2", ["a3"] = "r2" };

        var (outcome, first) = await store.PlansInForce.PublishAsync(dataset.Id, july, plan, "run-1", null, "ann", expectedSeq: 0);
        var (staleOutcome, _) = await store.PlansInForce.PublishAsync(dataset.Id, july.AddMonths(1), plan, "run-2", null, "bob", expectedSeq: 0);
        var (_, back) = await store.PlansInForce.PublishAsync(dataset.Id, july.AddMonths(3), new Dictionary<string, string> { ["a0"] = "r0" }, "run-3", null, "ann", expectedSeq: 1);

        Assert.Equal((PublishOutcome.Published, 1, 2), (outcome, first!.Seq, first.Moved));
        Assert.Equal(PublishOutcome.Stale, staleOutcome);
        Assert.Equal(2, back!.Seq);
        Assert.Equal(["r0", "r1", "r2", "r0"], (await store.PlansInForce.OwnersAsync(dataset.Id, july.AddDays(-1)))!.Select(o => o.RepId));
        Assert.Equal(["r1", "r1", "r2", "r2"], (await store.PlansInForce.OwnersAsync(dataset.Id, july))!.Select(o => o.RepId));
        Assert.Equal(["r0", "r1", "r2", "r2"], (await store.PlansInForce.OwnersAsync(dataset.Id, july.AddMonths(3)))!.Select(o => o.RepId));
        var history = await store.PlansInForce.HistoryAsync(dataset.Id, "a0");
        Assert.Equal("r0", history!.InitialRepId);
        Assert.Equal([(july, "r1", "r0"), (july.AddMonths(3), "r0", "r1")], history.Changes.Select(c => (c.From, c.RepId, c.PreviousRepId)));
        Assert.Null(await store.PlansInForce.OwnersAsync("no-such-dataset", july));
    }

    [Fact]
    public async Task VisitLog_KeepsCentsAndOrderByDay_AndTheTimelineKnowsEachPublication()
    {
        var store = await OpenAsync();
        var dataset = await store.Datasets.CreateAsync(Book(accounts: 2)); // a0 r0, a1 r1
        await store.VisitLog.AddAsync(dataset.Id, [
            new LoggedVisit(new DateOnly(2027, 2, 3), "a1", "r1", VisitOutcomes.Order, 1234.56m, "phone"),
            new LoggedVisit(new DateOnly(2027, 1, 5), "a0", "r0", VisitOutcomes.Completed, null, null)], "ann");
        await store.PlansInForce.PublishAsync(dataset.Id, new DateOnly(2027, 2, 1), new Dictionary<string, string> { ["a1"] = "r0" }, "run-1", null, "ann", expectedSeq: 0);
        await store.DatasetPlans.PutAsync(dataset.Id, DatasetPlanKinds.VisitPolicy, "{}", "{}", 0, "ann");
        await store.DatasetPlans.PutAsync(dataset.Id, DatasetPlanKinds.VisitPolicy, "{ }", "{ }", 1, "bob");

        var all = await store.VisitLog.ListAsync(dataset.Id);
        var february = await store.VisitLog.ListAsync(dataset.Id, new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28));
        var timeline = await store.PlansInForce.TimelineAsync(dataset.Id);
        var policy = await store.DatasetPlans.GetAsync(dataset.Id, DatasetPlanKinds.VisitPolicy);

        Assert.Equal(["a0", "a1"], all.Select(v => v.Visit.AccountId));
        Assert.Equal((1234.56m, "phone", "ann"), (february.Single().Visit.Sale!.Value, february.Single().Visit.Note, february.Single().LoggedBy));
        Assert.Null(all[0].Visit.Sale);
        Assert.Equal(("r1", "r0"), (timeline!.OwnerOn("a1", new DateOnly(2027, 1, 31)), timeline.OwnerOn("a1", new DateOnly(2027, 2, 3))));
        Assert.Equal(1, Assert.Single(timeline.Changes).Seq);
        Assert.Equal(("{ }", 1, "bob"), (policy!.Request, policy.BaseSeq, policy.PutBy));
        Assert.Null(await store.DatasetPlans.GetAsync(dataset.Id, DatasetPlanKinds.QuotaPlan));
    }

    [Fact]
    public async Task Datasets_CreateReplaceList_KeepsTheDocumentAndCountsVersions()
    {
        var store = await OpenAsync();
        var created = await store.Datasets.CreateAsync(Book("north"));
        Time.Advance(TimeSpan.FromMinutes(1));
        var replaced = await store.Datasets.ReplaceAsync(created.Id, Book("north v2", accounts: 5) with { Document = "{\"x\":1}" }, expectedVersion: 1);

        Assert.Equal(WriteOutcome.Done, replaced.Outcome);
        var read = await store.Datasets.GetAsync(created.Id);
        Assert.Equal(("north v2", 2, 5, "{\"x\":1}"), (read!.Name, read.Version, read.AccountCount, read.Document));
        Assert.True(read.UpdatedAt > read.CreatedAt);
        Assert.Equal([created.Id], (await store.Datasets.ListAsync()).Select(d => d.Id));
    }

    [Fact]
    public async Task Datasets_AWriteWhoseContentFailsHalfWay_KeepsNothingOfIt()
    {
        var store = await OpenAsync();
        var created = await store.Datasets.CreateAsync(Book("north", accounts: 3) with { Overview = "{\"v\":1}" });

        await Assert.ThrowsAsync<InvalidDataException>(() => store.Datasets.ReplaceAsync(created.Id, Book("north v2", accounts: 6) with { FailAfterBatches = 2 }, expectedVersion: 1));
        await Assert.ThrowsAsync<InvalidDataException>(() => store.Datasets.CreateAsync(Book("south", accounts: 6) with { FailAfterBatches = 1 }));

        var read = await store.Datasets.GetAsync(created.Id);
        Assert.Equal(("north", 1, 3, """{"reps":[],"accounts":[]}"""), (read!.Name, read.Version, read.AccountCount, read.Document));
        Assert.Equal("{\"v\":1}", (await store.Datasets.GetOverviewAsync(created.Id))!.Overview);
        var page = await store.Datasets.PageAccountsAsync(created.Id, new AccountQuery(null, null, null, 0, 10));
        Assert.Equal(3, page!.Total);
        Assert.Equal(["""{"id":"a0"}""", """{"id":"a1"}""", """{"id":"a2"}"""], page.Items);
        Assert.Equal([created.Id], (await store.Datasets.ListAsync()).Select(d => d.Id));
    }

    [Fact]
    public async Task Datasets_KeepTheOverviewWithEachVersion_AndFillInOnlyTheVersionItWasMadeFrom()
    {
        var store = await OpenAsync();
        var created = await store.Datasets.CreateAsync(Book("north") with { Overview = "{\"v\":1}" });
        var old = await store.Datasets.CreateAsync(Book("old"));
        await store.Datasets.ReplaceAsync(created.Id, Book("north v2") with { Overview = "{\"v\":2}" }, expectedVersion: 1);
        await store.Datasets.SetOverviewAsync(old.Id, version: 7, "{\"stale\":true}");
        var missing = await store.Datasets.GetOverviewAsync(old.Id);
        await store.Datasets.SetOverviewAsync(old.Id, version: 1, "{\"v\":1}");

        var read = await store.Datasets.GetOverviewAsync(created.Id);
        Assert.Equal(("{\"v\":2}", 2, "north v2", ""), (read!.Overview, read.Dataset.Version, read.Dataset.Name, read.Dataset.Document));
        Assert.Null(missing!.Overview);
        Assert.Equal("{\"v\":1}", (await store.Datasets.GetOverviewAsync(old.Id))!.Overview);
        Assert.Null(await store.Datasets.GetOverviewAsync("no-such-dataset"));
    }

    [Fact]
    public async Task Accounts_PageReadsTheWindowInOrder_FilteredByRepSegmentTier_AndFollowsReplaceAndDelete()
    {
        var store = await OpenAsync();
        var dataset = await store.Datasets.CreateAsync(Book(accounts: 60));

        var window = await store.Datasets.PageAccountsAsync(dataset.Id, new AccountQuery(null, null, null, 55, 10));
        var filtered = await store.Datasets.PageAccountsAsync(dataset.Id, new AccountQuery("r1", "s0", null, 2, 3));
        var byTier = await store.Datasets.PageAccountsAsync(dataset.Id, new AccountQuery(null, null, "T4", 0, 100));
        var expected = Enumerable.Range(0, 60).Where(i => i % 3 == 1 && i % 2 == 0).ToList();

        Assert.Equal(60, window!.Total);
        Assert.Equal(new[] { 55, 56, 57, 58, 59 }.Select(i => $$"""{"id":"a{{i}}"}"""), window.Items);
        Assert.Equal(expected.Count, filtered!.Total);
        Assert.Equal(expected.Skip(2).Take(3).Select(i => $$"""{"id":"a{{i}}"}"""), filtered.Items);
        Assert.Equal(12, byTier!.Total);
        Assert.Null(await store.Datasets.PageAccountsAsync("missing", new AccountQuery(null, null, null, 0, 10)));

        await store.Datasets.ReplaceAsync(dataset.Id, Book(accounts: 4), expectedVersion: 1);
        var replaced = await store.Datasets.PageAccountsAsync(dataset.Id, new AccountQuery(null, null, null, 0, 100));
        Assert.Equal((4, 4), (replaced!.Total, replaced.Items.Count));
        await store.Datasets.DeleteAsync(dataset.Id);
        var again = await store.Datasets.CreateAsync(Book(accounts: 2), dataset.Id);
        Assert.Equal(1, (await store.Datasets.PageAccountsAsync(again.Id, new AccountQuery("r0", null, null, 0, 100)))!.Total);
    }

    [Fact]
    public async Task Migration4_MovesTheAccountsOfExistingDatasetsIntoRows()
    {
        var database = await CreateDatabaseAsync();
        await Migrator.MigrateAsync(database, Time, upToVersion: 3);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO datasets (id, name, version, created_at, updated_at, rep_count, account_count, unit_count, document) VALUES ('old', 'old', 1, 0, 0, 0, 2, 0, @document)",
                new { document = """{ "reps": [], "accounts": [ { "id": "a1", "segment": "smb", "tier": null, "currentRepId": "r1" }, { "id": "a2", "segment": "ent", "tier": "A", "currentRepId": null } ] }""" });
        }

        var store = await TerritoryStore.OpenAsync(database, Time);

        var smb = await store.Datasets.PageAccountsAsync("old", new AccountQuery("r1", "smb", null, 0, 10));
        var all = await store.Datasets.PageAccountsAsync("old", new AccountQuery(null, null, null, 0, 10));
        Assert.Equal("a1", System.Text.Json.JsonDocument.Parse(Assert.Single(smb!.Items)).RootElement.GetProperty("id").GetString());
        Assert.Equal(["a1", "a2"], all!.Items.Select(i => System.Text.Json.JsonDocument.Parse(i).RootElement.GetProperty("id").GetString()));
        Assert.Equal(1, (await store.Datasets.PageAccountsAsync("old", new AccountQuery(null, null, "A", 0, 10)))!.Total);
    }

    [Fact]
    public async Task Datasets_ReplaceWithStaleVersion_IsRefusedAndKeepsTheStoredOne()
    {
        var store = await OpenAsync();
        var created = await store.Datasets.CreateAsync(Book("north"));
        await store.Datasets.ReplaceAsync(created.Id, Book("planner A"), expectedVersion: 1);

        var stale = await store.Datasets.ReplaceAsync(created.Id, Book("planner B"), expectedVersion: 1);

        Assert.Equal(WriteOutcome.VersionMismatch, stale.Outcome);
        Assert.Equal(("planner A", 2), (stale.Value!.Name, stale.Value.Version));
        Assert.Equal(WriteOutcome.NotFound, (await store.Datasets.ReplaceAsync("missing", Book(), null)).Outcome);
    }

    [Fact]
    public async Task Datasets_Shapes_AreStoredWithTheContentAndSurviveAReplace()
    {
        var store = await OpenAsync();
        var created = await store.Datasets.CreateAsync(Book());
        Assert.Null(await store.Datasets.GetShapesAsync(created.Id));

        var withShapes = await store.Datasets.SetShapesAsync(created.Id, Book() with { UnitCount = 2 }, """{"type":"FeatureCollection","features":[]}""", expectedVersion: 1);
        await store.Datasets.ReplaceAsync(created.Id, Book("renamed"), expectedVersion: 2);

        Assert.Equal((WriteOutcome.Done, 2, 2), (withShapes.Outcome, withShapes.Value!.Version, withShapes.Value.UnitCount));
        Assert.Equal("""{"type":"FeatureCollection","features":[]}""", await store.Datasets.GetShapesAsync(created.Id));
        Assert.Equal(WriteOutcome.VersionMismatch, (await store.Datasets.SetShapesAsync(created.Id, Book(), "{}", expectedVersion: 1)).Outcome);
    }

    [Fact]
    public async Task Datasets_DeleteWhileAScenarioUsesIt_IsRefusedNamingTheScenario()
    {
        var store = await OpenAsync();
        var dataset = await store.Datasets.CreateAsync(Book());
        var scenario = await store.Scenarios.CreateAsync(dataset.Id, "what-if", "{}", null);

        var refused = await store.Datasets.DeleteAsync(dataset.Id);
        Assert.Equal(WriteOutcome.InUse, refused.Outcome);
        Assert.Equal([scenario!.Id], refused.UsedBy);
        Assert.NotNull(await store.Datasets.GetAsync(dataset.Id));

        Assert.Equal(WriteOutcome.Done, (await store.Scenarios.DeleteAsync(scenario.Id, null)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.Datasets.DeleteAsync(dataset.Id)).Outcome);
        Assert.Null(await store.Datasets.GetAsync(dataset.Id));
    }

    [Fact]
    public async Task Scenarios_OnAMissingDataset_AreNotCreated()
    {
        var store = await OpenAsync();
        Assert.Null(await store.Scenarios.CreateAsync("missing", "what-if", "{}", null));
    }

    [Fact]
    public async Task Scenarios_UpdateWithStaleVersion_IsRefused()
    {
        var store = await OpenAsync();
        var dataset = await store.Datasets.CreateAsync(Book());
        var scenario = (await store.Scenarios.CreateAsync(dataset.Id, "what-if", "{}", null))!;

        var first = await store.Scenarios.UpdateAsync(scenario.Id, dataset.Id, "A", "{\"a\":1}", expectedVersion: 1);
        var second = await store.Scenarios.UpdateAsync(scenario.Id, dataset.Id, "B", "{\"b\":1}", expectedVersion: 1);

        Assert.Equal(WriteOutcome.Done, first.Outcome);
        Assert.Equal(WriteOutcome.VersionMismatch, second.Outcome);
        Assert.Equal(("A", 2), ((await store.Scenarios.GetAsync(scenario.Id))!.Name, (await store.Scenarios.GetAsync(scenario.Id))!.Version));
        Assert.Equal([scenario.Id], (await store.Scenarios.ListAsync(dataset.Id)).Select(s => s.Id));
    }

    [Fact]
    public async Task Runs_SubmitTwiceWithOneIdempotencyKey_GiveOneRun()
    {
        var store = await OpenAsync();
        var (first, created) = await store.Runs.SubmitAsync("s1", "{}", "key-1");
        var (again, createdAgain) = await store.Runs.SubmitAsync("s1", "{}", "key-1");
        var (other, _) = await store.Runs.SubmitAsync("s1", "{}", "key-2");

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, (await store.Runs.ListAsync("s1")).Count);
    }

    [Fact]
    public async Task Runs_Claim_TakesTheOldestQueuedRunOnce()
    {
        var store = await OpenAsync();
        var (first, _) = await store.Runs.SubmitAsync("s1", "{\"n\":1}", null);
        var (second, _) = await store.Runs.SubmitAsync("s1", "{\"n\":2}", null);

        var a = await store.Runs.ClaimNextAsync("host-a", Lease);
        var b = await store.Runs.ClaimNextAsync("host-b", Lease);
        var none = await store.Runs.ClaimNextAsync("host-a", Lease);

        Assert.Equal((first.Id, RunState.Running, "host-a", 1, "{\"n\":1}"), (a!.Id, a.State, a.LeaseOwner, a.Attempts, a.Problem));
        Assert.Equal(second.Id, b!.Id);
        Assert.Null(none);
    }

    [Fact]
    public async Task Runs_ClaimedConcurrently_AreEachClaimedExactlyOnce()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 12; i++) await store.Runs.SubmitAsync("s1", "{}", null);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(async worker =>
        {
            var mine = new List<string>();
            while (await store.Runs.ClaimNextAsync($"host-{worker}", Lease) is { } run) mine.Add(run.Id);
            return mine;
        }));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(12, all.Count);
        Assert.Equal(12, all.Distinct().Count());
    }

    [Fact]
    public async Task Runs_LapsedLease_IsTakenOverAndTheOldOwnerCanNoLongerWrite()
    {
        var store = await OpenAsync();
        var (run, _) = await store.Runs.SubmitAsync("s1", "{}", null);
        await store.Runs.ClaimNextAsync("dead-host", Lease);
        Assert.Null(await store.Runs.ClaimNextAsync("live-host", Lease));

        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = await store.Runs.ClaimNextAsync("live-host", Lease);

        Assert.Equal((run.Id, "live-host", 2), (taken!.Id, taken.LeaseOwner, taken.Attempts));
        var progress = new RunProgress(10, 9, 0.1, 3, 2);
        Assert.Null(await store.Runs.RenewAsync(run.Id, "dead-host", Lease, progress));
        Assert.False(await store.Runs.FinishAsync(run.Id, "dead-host", RunState.Completed, progress, "{}", null));
        Assert.True(await store.Runs.FinishAsync(run.Id, "live-host", RunState.Completed, progress, "{\"plan\":1}", null));
        var done = await store.Runs.GetAsync(run.Id);
        Assert.Equal((RunState.Completed, "live-host", "{\"plan\":1}", 10.0), (done!.State, done.SolvedBy, done.Plan, done.Progress.BestObjective));
    }

    [Fact]
    public async Task Runs_RenewWhileHeld_StoresProgressAndExtendsTheLease()
    {
        var store = await OpenAsync();
        var (run, _) = await store.Runs.SubmitAsync("s1", "{}", null);
        await store.Runs.ClaimNextAsync("host-a", Lease);

        Time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await store.Runs.RenewAsync(run.Id, "host-a", Lease, new RunProgress(120.5, 100, 0.17, 20, 4)));
        Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Null(await store.Runs.ClaimNextAsync("host-b", Lease));
        var read = await store.Runs.GetAsync(run.Id);
        Assert.Equal(new RunProgress(120.5, 100, 0.17, 20, 4), read!.Progress);
        var status = await store.Runs.GetStatusAsync(run.Id);
        Assert.Equal((read.Progress, read.State, ""), (status!.Progress, status.State, status.Problem));
    }

    [Fact]
    public async Task Runs_CancelQueued_EndsItAtOnce_CancelRunning_FlagsItForItsOwner()
    {
        var store = await OpenAsync();
        var (running, _) = await store.Runs.SubmitAsync("s1", "{}", null);
        var (queued, _) = await store.Runs.SubmitAsync("s1", "{}", null);
        await store.Runs.ClaimNextAsync("host-a", Lease);

        var cancelledQueued = await store.Runs.RequestCancelAsync(queued.Id);
        var flagged = await store.Runs.RequestCancelAsync(running.Id);

        Assert.Equal(RunState.Cancelled, cancelledQueued!.State);
        Assert.NotNull(cancelledQueued.FinishedAt);
        Assert.Equal((RunState.Running, true), (flagged!.State, flagged.CancelRequested));
        Assert.True(await store.Runs.RenewAsync(running.Id, "host-a", Lease, new RunProgress(null, null, null, 1, 0)));
        Assert.Null(await store.Runs.ClaimNextAsync("host-b", Lease));
        Assert.Null(await store.Runs.RequestCancelAsync("missing"));
    }

    [Fact]
    public async Task Runs_ReleasedOrInterrupted_AreQueuedAgain()
    {
        var store = await OpenAsync();
        var (first, _) = await store.Runs.SubmitAsync("s1", "{}", null);
        var (second, _) = await store.Runs.SubmitAsync("s1", "{}", null);
        await store.Runs.ClaimNextAsync("host-a", Lease);
        await store.Runs.ClaimNextAsync("host-a", Lease);

        Assert.True(await store.Runs.ReleaseAsync(first.Id, "host-a"));
        Assert.Equal(1, await store.Runs.RequeueInterruptedAsync());

        Assert.All(await store.Runs.ListAsync(null), run => Assert.Equal(RunState.Queued, run.State));
        Assert.Equal(first.Id, (await store.Runs.ClaimNextAsync("host-b", Lease))!.Id);
        Assert.Equal(second.Id, (await store.Runs.ClaimNextAsync("host-b", Lease))!.Id);
    }

    [Fact]
    public async Task Users_FirstUserOnlyWhileEmpty_UniqueNames_DisablingEndsSessionsButKeepsKeys()
    {
        var store = await OpenAsync();
        CredentialRecord Credential(UserRecord user, string id, CredentialKind kind) =>
            new(id, user.Id, kind, null, "salt", "hash", false, Time.GetUtcNow(), kind == CredentialKind.Session ? Time.GetUtcNow().AddHours(1) : null);

        var admin = await store.Users.CreateFirstAsync(new NewUser("admin", "admin", null), u => Credential(u, "k-admin", CredentialKind.Key));
        Assert.NotNull(admin);
        Assert.Null(await store.Users.CreateFirstAsync(new NewUser("other", "admin", null), u => Credential(u, "k-other", CredentialKind.Key)));
        var ann = (await store.Users.CreateAsync(new NewUser("ann", "planner", "pbkdf2")))!;
        Assert.Null(await store.Users.CreateAsync(new NewUser("ann", "viewer", null)));
        await store.Credentials.CreateAsync(Credential(ann, "k-ann", CredentialKind.Key));
        await store.Credentials.CreateAsync(Credential(ann, "s-ann", CredentialKind.Session));

        var disabled = await store.Users.UpdateAsync(ann.Id, new UserChange(Disabled: true), expectedVersion: 1);
        Assert.Equal((WriteOutcome.Done, true, 2, "planner"), (disabled.Outcome, disabled.Value!.Disabled, disabled.Value.Version, disabled.Value.Role));
        Assert.Equal(WriteOutcome.VersionMismatch, (await store.Users.UpdateAsync(ann.Id, new UserChange(Role: "admin"), expectedVersion: 1)).Outcome);
        Assert.Null(await store.Credentials.GetAsync("s-ann"));
        Assert.Equal(["k-ann"], (await store.Credentials.ListKeysAsync(ann.Id)).Select(k => k.Id));
        Assert.Equal(1, await store.Users.CountEnabledAsync("admin"));
        Assert.Equal("k-admin", (await store.Credentials.DeleteAsync("k-admin"))!.Id);
        Assert.Null(await store.Credentials.GetAsync("k-admin"));
    }

    [Fact]
    public async Task Sessions_Expire_AndTheAuditListsBySinceAndUser()
    {
        var store = await OpenAsync();
        var ann = (await store.Users.CreateAsync(new NewUser("ann", "planner", null)))!;
        await store.Credentials.CreateAsync(new CredentialRecord("s1", ann.Id, CredentialKind.Session, null, "salt", "hash", false, Time.GetUtcNow(), Time.GetUtcNow().AddHours(1)));
        Assert.NotNull(await store.Credentials.GetAsync("s1"));
        Time.Advance(TimeSpan.FromHours(2));
        Assert.Null(await store.Credentials.GetAsync("s1"));
        Assert.Equal(1, await store.Credentials.DeleteExpiredSessionsAsync());

        var start = Time.GetUtcNow();
        await store.Audit.AppendAsync(new AuditEntry(0, start, ann.Id, "ann", "POST", "/api/v1/datasets", "d1", 1, 201));
        await store.Audit.AppendAsync(new AuditEntry(0, start.AddMinutes(1), null, null, "POST", "/api/v1/plans/solve", null, null, 200));
        Assert.Equal(["d1"], (await store.Audit.ListAsync(null, ann.Id, 10)).Select(e => e.ObjectId));
        Assert.Equal(["/api/v1/plans/solve"], (await store.Audit.ListAsync(start.AddSeconds(30), null, 10)).Select(e => e.Path));
        Assert.Single(await store.Audit.ListAsync(null, null, 1));
    }
}

public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"territories-store-{Guid.NewGuid():N}");

    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(Database.Sqlite(Path.Combine(_folder, "territories.db")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgresStoreTests(PostgresServer server) : StoreContractTests
{
    protected override async Task<Database> CreateDatabaseAsync() => Database.Postgres(await server.CreateDatabaseAsync());
}
