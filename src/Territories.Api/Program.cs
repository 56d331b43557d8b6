using Microsoft.Extensions.Options;
using Territories.Api;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Api.Features;
using Territories.Api.Hosting;
using Territories.Api.Runs;
using Territories.Api.Solving;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(ServiceSettings.Section).Get<ServiceSettings>() ?? new ServiceSettings();
builder.Services.AddSingleton(Options.Create(settings));
builder.Services.AddSingleton(TimeProvider.System);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
    kestrel.Limits.MaxRequestLineSize = RequestTargetGuard.KestrelRequestLineLimit;
    kestrel.ConfigureEndpointDefaults(listen => listen.UseRejectionProblemDetails());
});
if (settings.RequestLogging) builder.Services.AddRequestLog();
builder.Services.AddContractJson();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<RequestProblems>();
builder.Services.AddApiReference();
builder.Services.AddSingleton<SolverPool>();
builder.Services.AddSingleton<RequestBodies>();
builder.Services.AddSingleton<RunSignal>();
builder.Services.AddSingleton<RunExecution>();
builder.Services.AddSingleton<RunPlans>();
builder.Services.AddHostedService<RunWorker>();
builder.Services.AddTerritoriesAccess(builder.Configuration);

using (var startup = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole()))
{
    builder.Services.AddSingleton(await StoreSetup.OpenAsync(builder.Configuration, settings, TimeProvider.System, startup.CreateLogger("Territories.Store")));
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestTargetGuard>();
if (settings.RequestLogging) app.UseHttpLogging();
app.UseWorkspace();
app.UseTerritoriesAccess();
await app.BootstrapAdminAsync();
app.MapApiReference();
app.MapHealth();
app.MapSession();
app.MapUsers();
app.MapAudit();
app.MapDatasets();
app.MapDatasetUnits();
app.MapScenarios();
app.MapRuns();
app.MapRunMaps();
app.MapCompare();
app.MapPlans();
app.MapQuotas();
app.MapHiring();
app.MapClassification();
app.MapVisits();
app.MapPlanInForce();
app.MapProposals();
app.MapVisitLog();
app.MapQuotaPlanInForce();
app.MapRunEdits();
app.Run();

/// <summary>The entry point, visible to the API tests' host.</summary>
public partial class Program;
