using System.Net;
using System.Text.Json;
using Territories.Api.Access;

namespace Territories.Api.Tests;

/// <summary>Actuals through the service: the quota plan in force relieved by a publication, the visit log, crediting, re-spread, weekly report.</summary>
public abstract partial class ServiceTests
{
    private static string QuotaRequest(string extra = "") => $$"""
        { "goal": 1000000, "year": { "start": "2027-01-01", "calendar": "months" }, "rounding": 100, {{extra}}
          "reps": [ { "id": "w1", "potential": 400000 }, { "id": "w2", "potential": 400000 }, { "id": "e1", "potential": 400000 }, { "id": "e2", "potential": 400000 } ] }
        """;

    private static Dictionary<(string Rep, string Period), decimal> QuotaAmounts(JsonElement plan) =>
        plan.GetProperty("reps").EnumerateArray().SelectMany(r => new[] { "quarters", "months", "weeks" }
                .SelectMany(level => r.GetProperty(level).EnumerateArray())
                .Select(a => ((r.GetProperty("repId").GetString()!, a.GetProperty("period").GetString()!), a.GetProperty("amount").GetDecimal())))
            .ToDictionary(x => x.Item1, x => x.Item2);

    [Fact]
    public async Task QuotaPlanInForce_IsRelievedByAPublication_SalesAreCreditedToTheOwnerOnTheDay_AndTheWeekIsReported()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        var admin = people.Admin;
        var planner = people.As((await people.Create("planner", Roles.Planner)).Key);
        var viewer = people.As((await people.Create("viewer", Roles.Viewer)).Key);
        var dataset = (await admin.Post("/api/v1/datasets", TwoRegions)).Id;

        // A quota plan is put in force for the dataset; bad requests name the field.
        var unknownRep = await planner.Put($"/api/v1/datasets/{dataset}/quota-plan", QuotaRequest().Replace("\"w1\"", "\"zz\"", StringComparison.Ordinal));
        var withActuals = await planner.Put($"/api/v1/datasets/{dataset}/quota-plan", QuotaRequest("\"actuals\": [ { \"repId\": \"w1\", \"period\": \"2027-M01\", \"amount\": 5 } ],"));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Get($"/api/v1/datasets/{dataset}/quota-plan")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Put($"/api/v1/datasets/{dataset}/quota-plan", QuotaRequest())).Status);
        var put = await planner.Put($"/api/v1/datasets/{dataset}/quota-plan", QuotaRequest());

        Assert.Contains("reps[0].id", unknownRep.ErrorPaths);
        Assert.Contains("actuals", withActuals.ErrorPaths);
        Assert.True(put.Status == HttpStatusCode.OK, put.Text);
        var original = QuotaAmounts(put.Body.GetProperty("plan"));

        // A publication moves a1 and a2 (half of w1's potential) to w2 from 2027-07-01.
        var scenario = await planner.Post("/api/v1/scenarios", $$"""{ "name": "locks", "datasetId": "{{dataset}}", "changes": {}, "options": { "workers": 1, "timeLimitSeconds": 5 } }""");
        var run = await Submit(planner, scenario.Id);
        await planner.WaitForState(run, "completed");
        var proposal = (await planner.Post($"/api/v1/runs/{run}/proposals", """{ "effective": "2027-07-01" }""")).Id;
        Assert.Equal(HttpStatusCode.OK, (await admin.Post($"/api/v1/proposals/{proposal}/approve", "{}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await planner.Post($"/api/v1/proposals/{proposal}/publish")).Status);

        var inForce = await viewer.Get($"/api/v1/datasets/{dataset}/quota-plan");

        Assert.Equal(HttpStatusCode.OK, inForce.Status);
        Assert.Equal(["a1", "a2"], inForce.Body.GetProperty("relief").EnumerateArray().Select(r => r.GetProperty("accountId").GetString()));
        var relieved = QuotaAmounts(inForce.Body.GetProperty("plan"));
        var periods = inForce.Body.GetProperty("plan").GetProperty("periods").EnumerateArray()
            .Select(p => (Id: p.GetProperty("id").GetString()!, End: DateOnly.Parse(p.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var (period, end) in periods)
        {
            Assert.Equal(original.Where(x => x.Key.Period == period).Sum(x => x.Value), relieved.Where(x => x.Key.Period == period).Sum(x => x.Value));
            var lost = original[("w1", period)] - relieved[("w1", period)];
            Assert.Equal(lost, relieved[("w2", period)] - original[("w2", period)]);
            Assert.Equal(original[("e1", period)], relieved[("e1", period)]);
            if (end < new DateOnly(2027, 7, 1)) Assert.Equal(0, lost);
        }
        Assert.InRange(relieved[("w1", "2027-M07")], original[("w1", "2027-M07")] / 2 - 1, original[("w1", "2027-M07")] / 2 + 1);

        // Sales are logged by whoever made them and credited to the owner on the day.
        var afterMove = await planner.Post($"/api/v1/datasets/{dataset}/visits",
            """{ "date": "2027-08-03", "accountId": "a1", "repId": "w1", "outcome": "completed", "sale": 1000 }""");
        var beforeMove = await planner.Post($"/api/v1/datasets/{dataset}/visits",
            """{ "date": "2027-06-15", "accountId": "a1", "repId": "w2", "outcome": "order", "sale": 250.5 }""");
        var invalid = await planner.Post($"/api/v1/datasets/{dataset}/visits",
            """{ "date": "2027-13-01", "accountId": "zz", "repId": "w1", "outcome": "won", "sale": -1, "colour": "red" }""");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Post($"/api/v1/datasets/{dataset}/visits", """{ "date": "2027-08-03", "accountId": "a1", "repId": "w1", "outcome": "completed" }""")).Status);

        Assert.Equal(HttpStatusCode.Created, afterMove.Status);
        Assert.Equal(("w2", "w1"), (afterMove.Body.GetProperty("creditedTo").GetString(), beforeMove.Body.GetProperty("creditedTo").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(["accountId", "colour", "date", "outcome", "sale"], invalid.ErrorPaths.Order(StringComparer.Ordinal));

        // A CSV upload is all or nothing, and names the file, row and column.
        var good = await UploadVisits(planner, dataset, "date,accountId,repId,outcome,sale\n2027-08-04,a4,w2,completed,300\n2027-08-05,a5,e1,no-show,\n2027-08-06,a3,w1,completed,\n");
        var bad = await UploadVisits(planner, dataset, "date,accountId,repId,outcome\n2027-08-04,a4,w2,completed\n2027-08-32,a4,w2,completed\n2027-08-05,a4,w9,completed\n");
        Assert.Equal(HttpStatusCode.Created, good.Status);
        Assert.Equal(3, good.Body.GetProperty("count").GetInt32());
        Assert.Equal(["visits.csv[row 3].date", "visits.csv[row 4].repId"], bad.ErrorPaths.Order(StringComparer.Ordinal));
        Assert.Equal(["visits.csv"], (await UploadVisits(planner, dataset, "date,accountId,repId,outcome\n")).ErrorPaths);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await planner.Post($"/api/v1/datasets/{dataset}/visits.csv", "{}")).Status);
        var listed = await viewer.Get($"/api/v1/datasets/{dataset}/visits?from=2027-08-01&to=2027-08-31");
        Assert.Equal(4, listed.Body.GetProperty("count").GetInt32());
        Assert.Equal(5, (await viewer.Get($"/api/v1/datasets/{dataset}/visits")).Body.GetProperty("count").GetInt32());

        // The re-spread through August closes the months with what each rep was credited.
        var respread = await viewer.Get($"/api/v1/datasets/{dataset}/quota-plan?actualsThrough=2027-M08");
        Assert.Equal(HttpStatusCode.OK, respread.Status);
        var closed = QuotaAmounts(respread.Body.GetProperty("plan"));
        Assert.Equal((250.5m, 0m, 1300m, 0m), (closed[("w1", "2027-M06")], closed[("w1", "2027-M08")], closed[("w2", "2027-M08")], closed[("w2", "2027-M06")]));
        var w2 = respread.Body.GetProperty("plan").GetProperty("reps").EnumerateArray().Single(r => r.GetProperty("repId").GetString() == "w2");
        Assert.Equal(w2.GetProperty("remaining").GetDecimal(), w2.GetProperty("months").EnumerateArray().Skip(8).Sum(m => m.GetProperty("amount").GetDecimal()));
        Assert.Contains("actualsThrough", (await viewer.Get($"/api/v1/datasets/{dataset}/quota-plan?actualsThrough=2027-M13")).ErrorPaths);

        // The weekly report: 2027-W31 is 2 to 8 August.
        Assert.Equal(HttpStatusCode.OK, (await planner.Put($"/api/v1/datasets/{dataset}/visit-policy",
            """{ "tiers": { "A": { "visitsPerWeek": 1, "minutes": 60 }, "B": { "visitsPerWeek": 1, "minutes": 45 }, "C": { "visitsPerWeek": 1, "minutes": 30 } } }""")).Status);
        Assert.Contains("tiers.A.minutes", (await planner.Put($"/api/v1/datasets/{dataset}/visit-policy", """{ "tiers": { "A": { "visitsPerWeek": 1 } } }""")).ErrorPaths);
        var report = await viewer.Get($"/api/v1/datasets/{dataset}/visits/report?week=2027-W31");
        var csv = await viewer.Get($"/api/v1/datasets/{dataset}/visits/report?week=2027-W31&format=csv");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        var reps = report.Body.GetProperty("reps").EnumerateArray().ToDictionary(r => r.GetProperty("repId").GetString()!, r => r.GetProperty("totals"));
        Assert.Equal((1, 3), (reps["w1"].GetProperty("planned").GetInt32(), reps["w2"].GetProperty("planned").GetInt32()));
        Assert.Equal((2, 1, 0), (reps["w1"].GetProperty("done").GetInt32(), reps["w2"].GetProperty("done").GetInt32(), reps["e1"].GetProperty("done").GetInt32()));
        Assert.Equal((0m, 1300m), (reps["w1"].GetProperty("sales").GetDecimal(), reps["w2"].GetProperty("sales").GetDecimal()));
        var week = periods.Single(p => p.End == new DateOnly(2027, 8, 8)).Id;
        Assert.Equal(relieved[("w2", week)], reps["w2"].GetProperty("quota").GetDecimal());
        var west = report.Body.GetProperty("orgUnits").EnumerateArray().Single(u => u.GetProperty("orgUnitId").GetString() == "west").GetProperty("totals");
        Assert.Equal((4, 3, 1300m), (west.GetProperty("planned").GetInt32(), west.GetProperty("done").GetInt32(), west.GetProperty("sales").GetDecimal()));
        Assert.StartsWith("week,scope,id,name,within,level,planned,done,plannedA,doneA,plannedB,doneB,plannedC,doneC,newProspectsVisited,sales,quota,attainment,overdue", csv.Text);
        Assert.Contains("2027-W31,rep,w2,,west-a,,3,1,1,0,1,0,1,1,0,1300,", csv.Text);
        Assert.Contains("week", (await viewer.Get($"/api/v1/datasets/{dataset}/visits/report?week=2027-31")).ErrorPaths);
    }

    private static async Task<Reply> UploadVisits(ServiceClient client, string dataset, string csv)
    {
        using var form = new MultipartFormDataContent { { new StringContent(csv), "visits", "visits.csv" } };
        return await client.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/datasets/{dataset}/visits.csv") { Content = form });
    }
}
