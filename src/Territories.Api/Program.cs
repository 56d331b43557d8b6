using Territories.Api;
using Territories.Api.Features;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddContractJson();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealth();
app.MapPlans();
app.MapQuotas();
app.MapHiring();
app.Run();

/// <summary>The entry point, visible to the API tests' host.</summary>
public partial class Program;
