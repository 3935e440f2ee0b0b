using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Health;

/// <summary>
/// <c>/healthz</c> answers while the process serves HTTP at all (liveness); <c>/readyz</c> answers 200 only
/// when every readiness check holds (SIP listeners bound, database open) and 503 with the failing checks
/// otherwise, so a load balancer or installer sees why the box is not taking calls.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints, string version, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();

        endpoints.MapGet("/healthz", () =>
            Results.Json(
                new HealthReport("alive", version, (long)time.GetElapsedTime(started).TotalSeconds),
                HealthJsonContext.Default.HealthReport));

        endpoints.MapGet("/readyz", (HttpContext context) =>
        {
            var checks = context.RequestServices.GetServices<IReadinessCheck>()
                .Select(check =>
                {
                    var result = check.Check();
                    return new ReadinessCheckReport(check.Name, result.Ready, result.Detail);
                })
                .ToList();
            bool ready = checks.Count > 0 && checks.TrueForAll(c => c.Ready);
            return Results.Json(
                new ReadinessReport(ready, checks),
                HealthJsonContext.Default.ReadinessReport,
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
