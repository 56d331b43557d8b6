using Microsoft.AspNetCore.HttpLogging;

namespace Territories.Api.Hosting;

/// <summary>The optional request log (<c>Territories:RequestLogging</c>): one entry per request with its method, path, status and duration, never a header or body.</summary>
public static class RequestLog
{
    public static IServiceCollection AddRequestLog(this IServiceCollection services) =>
        services.AddHttpLogging(log =>
        {
            log.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            log.CombineLogs = true;
        });
}
