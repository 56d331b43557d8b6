using Microsoft.Extensions.FileProviders;
using Territories.Api.Access;

namespace Territories.Api.Hosting;

/// <summary>
/// The web workspace (src/Territories.Web, built into the output's <c>wwwroot</c>): its static files are served to
/// anyone, at <c>/</c> and by name, before authentication, with the same security headers as every other answer.
/// Everything the page does goes through <c>/api/v1</c>, where every endpoint keeps its policy.
/// </summary>
public static class Workspace
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static WebApplication UseWorkspace(this WebApplication app)
    {
        if (!File.Exists(Path.Combine(Root, "index.html")))
        {
            app.Logger.LogWarning("The web workspace is not built ({Root} has no index.html): build the service with Node.js and npm on the PATH", Root);
            return app;
        }
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                SecurityHeaders.Apply(file.Context);
                file.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
