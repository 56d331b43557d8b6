using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Api.Solving;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;

namespace Territories.Api.Features;

/// <summary>Stateless planning for small problems and scripts: solve synchronously (time-capped) and analyse a given assignment.</summary>
public static class PlanEndpoints
{
    /// <summary>A synchronous solve never runs longer than this; longer solves belong to stored runs.</summary>
    public const double MaxSyncSeconds = 60;

    public static void MapPlans(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/v1/plans").WithTags("Plans");
        plans.MapPost("/solve", Solve).Accepts<JsonElement>("application/json").WithName("SolvePlan")
            .WithSummary("Solve a territory problem now")
            .WithDescription("Synchronous solve (time limit capped at 60 s) of a territory problem; infeasible problems answer 200 with diagnostics that say why in user terms.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable).ForPlanners().LimitedAsSolve();
        plans.MapPost("/analyze", Analyze).Accepts<JsonElement>("application/json").WithName("AnalyzePlan")
            .WithSummary("Analyse an assignment")
            .WithDescription("`{ problem, assignments }`: the rules the assignment breaks and every KPI, as the plan evaluator computes them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners().LimitedAsSolve();
    }

    /// <summary>
    /// Solves a territory problem (contract section 1) on a solver worker and answers its plan; infeasible is a 200 with
    /// diagnostics. When every worker is busy it answers 503 with <c>Retry-After</c> at once, before reading the body.
    /// </summary>
    public static async Task<Results<Ok<Plan>, ValidationProblem, ProblemHttpResult>> Solve(HttpRequest request, SolverPool solvers, CancellationToken cancel)
    {
        if (!solvers.HasFreeWorker) return Busy(request.HttpContext.Response, solvers);
        var (problem, invalid) = await ContractBody.ReadAsync(request, BodySize.Document, TerritoryProblemReader.Read, cancel);
        if (invalid is not null) return invalid;
        var capped = problem!.WithOptions(problem.Options with { TimeLimitSeconds = Math.Min(problem.Options.TimeLimitSeconds, MaxSyncSeconds) });
        using var worker = solvers.TryReserve();
        if (worker is null) return Busy(request.HttpContext.Response, solvers);
        try
        {
            return TypedResults.Ok(await worker.Run(() => new AssignmentSolver().Solve(capped, null, cancel), TimeSpan.FromSeconds(capped.Options.TimeLimitSeconds)));
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
    }

    private static ProblemHttpResult Busy(HttpResponse response, SolverPool solvers)
    {
        var wait = (int)Math.Ceiling(solvers.ExpectedWait().TotalSeconds);
        response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Every solver worker is busy",
            detail: $"All {solvers.Workers} solver worker(s) of this instance are solving; try again in {wait} s, or queue a run (POST /api/v1/scenarios/{{id}}/runs), which waits its turn.");
    }

    /// <summary>Evaluates an assignment against a problem: the rules it breaks and every KPI. Body: <c>{ "problem": …, "assignments": [ { "accountId", "repId" } ] }</c>.</summary>
    public static async Task<Results<Ok<Analysis>, ValidationProblem>> Analyze(HttpRequest request, CancellationToken cancel)
    {
        var (input, invalid) = await ContractBody.ReadAsync(request, BodySize.Document, ReadAnalysisRequest, cancel);
        if (invalid is not null) return invalid;
        return TypedResults.Ok(Analysis.Of(PlanEvaluator.Evaluate(input!.Problem, input.Assignments)));
    }

    private static AnalysisRequest? ReadAnalysisRequest(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var problemFields = f.Object("problem", required: true);
        var assignments = ReadAssignments(f, "assignments", errors);
        f.RejectUnknown();
        if (problemFields is null || errors.Count > 0) return null;
        var problemErrors = new List<InputError>();
        var problem = TerritoryProblemReader.Read(root.GetProperty("problem"), problemErrors);
        errors.AddRange(problemErrors.Select(e => e with { Path = e.Path.Length == 0 ? "problem" : $"problem.{e.Path}" }));
        return problem is null ? null : new AnalysisRequest(problem, assignments.Select(a => a.Assignment).ToList());
    }

    /// <summary>An array of <c>{ "accountId", "repId" }</c> with each item's path; items that are not objects are reported and left out.</summary>
    public static List<(Assignment Assignment, string Path)> ReadAssignments(JsonFields fields, string name, List<InputError> errors) =>
        fields.Array(name, required: true).Select(a =>
        {
            if (JsonFields.Of(a.Item, a.Path, errors) is not { } item) return ((Assignment, string)?)null;
            var assignment = new Assignment(new AccountId(item.String("accountId", required: true) ?? ""), new RepId(item.String("repId", required: true) ?? ""));
            item.RejectUnknown();
            return (assignment, a.Path);
        }).OfType<(Assignment, string)>().ToList();

    private sealed record AnalysisRequest(TerritoryProblem Problem, IReadOnlyList<Assignment> Assignments);
}

/// <summary>What an assignment does: whether every hard rule holds, the broken rules, and the plan's figures.</summary>
public sealed record Analysis(bool Feasible, decimal Objective, IReadOnlyList<RuleViolation> Violations, IReadOnlyList<RepSummary> Reps,
    PlanKpis Kpis, IReadOnlyList<ObjectiveTermValue> ObjectiveTerms, IReadOnlyList<OrgUnitSummary> OrgUnits)
{
    public static Analysis Of(PlanEvaluation e) => new(e.IsFeasible, e.Objective, e.Violations, e.Reps, e.Kpis, e.ObjectiveTerms, e.OrgUnits);
}
