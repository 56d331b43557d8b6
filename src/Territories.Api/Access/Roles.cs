using Microsoft.AspNetCore.Authorization;

namespace Territories.Api.Access;

/// <summary>The roles, lowest first: each may do what the ones before it may (hr adds hiring to viewer; planner adds the rest of planning).</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Hr = "hr";
    public const string Planner = "planner";
    public const string Manager = "manager";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Hr, Planner, Manager, Admin];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>The position of the role in <see cref="All"/>; -1 for an unknown one.</summary>
    public static int Rank(string role) => Array.IndexOf(All, role);
}

/// <summary>
/// The authorization policies. Every endpoint names one (or allows anonymous callers explicitly); the fallback policy
/// refuses everything else, so an endpoint added without a policy is closed, not open.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any signed-in user: reading everything, and managing one's own keys and session.</summary>
    public const string Member = "member";

    /// <summary>hr and up: the hiring endpoints.</summary>
    public const string Hiring = "hiring";

    /// <summary>planner and up: creating and changing datasets, scenarios, runs, quotas; the stateless solves.</summary>
    public const string Planning = "planning";

    /// <summary>manager and up: deciding proposals (contract section 8; which units a manager may decide is checked per proposal).</summary>
    public const string Approval = "approval";

    /// <summary>admin: users, other users' keys, the audit trail.</summary>
    public const string Administration = "administration";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Member, p => p.RequireRole(Roles.All));
        options.AddPolicy(Hiring, p => p.RequireRole(Roles.Hr, Roles.Planner, Roles.Manager, Roles.Admin));
        options.AddPolicy(Planning, p => p.RequireRole(Roles.Planner, Roles.Manager, Roles.Admin));
        options.AddPolicy(Approval, p => p.RequireRole(Roles.Manager, Roles.Admin));
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Admin));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new NoUnclassifiedEndpoint()).Build();
    }

    public static RouteHandlerBuilder ForMembers(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(Member).ProducesProblem(StatusCodes.Status401Unauthorized);

    public static RouteHandlerBuilder ForHiring(this RouteHandlerBuilder builder) => builder.RequireAuthorization(Hiring).ProducesAuthProblems();

    public static RouteHandlerBuilder ForPlanners(this RouteHandlerBuilder builder) => builder.RequireAuthorization(Planning).ProducesAuthProblems();

    public static RouteHandlerBuilder ForManagers(this RouteHandlerBuilder builder) => builder.RequireAuthorization(Approval).ProducesAuthProblems();

    public static RouteHandlerBuilder ForAdmins(this RouteHandlerBuilder builder) => builder.RequireAuthorization(Administration).ProducesAuthProblems();

    private static RouteHandlerBuilder ProducesAuthProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// The fallback's requirement: met only where no mapped endpoint matched (an unknown path answered 404, or the
    /// routing's own 405 and 415 answers, which are not route endpoints), never by a mapped endpoint that names no policy.
    /// </summary>
    private sealed class NoUnclassifiedEndpoint : AuthorizationHandler<NoUnclassifiedEndpoint>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, NoUnclassifiedEndpoint requirement)
        {
            if (context.Resource is HttpContext http && http.GetEndpoint() is not RouteEndpoint) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
