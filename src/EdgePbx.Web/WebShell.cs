using EdgePbx.Storage.Accounts;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Phones;
using EdgePbx.Storage.Plans;
using EdgePbx.Storage.Registrar;
using EdgePbx.Storage.Reports;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Web.Api;
using EdgePbx.Web.Box;
using EdgePbx.Web.Files;
using EdgePbx.Web.Logs;
using EdgePbx.Web.Prompts;
using EdgePbx.Web.Voicemail;
using EdgePbx.Web.Health;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Reports;
using EdgePbx.Web.Security;
using EdgePbx.Web.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgePbx.Web;

/// <summary>
/// Wires the installer page into the daemon's host. The daemon registers TimeProvider, PbxDatabase,
/// ActivePlan, PlanActivation, PhoneAccountStore and the engine's VoicemailBoxes (voicemail deletes go through it
/// so phones get their message-waiting NOTIFY); everything else the page needs is registered here
/// unless the daemon registered it first (e.g. its own <see cref="IPbxStatusSource"/>).
/// </summary>
public static class WebShell
{
    /// <summary>Largest request body accepted anywhere (forms, JSON): plans are kilobytes.</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    public static IServiceCollection AddInstallerWeb(this IServiceCollection services)
    {
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton(_ => new PasswordHasher());
        services.TryAddSingleton(sp => new AccountStore(sp.GetRequiredService<PbxDatabase>(), sp.GetRequiredService<PasswordHasher>()));
        services.TryAddSingleton(sp => new AuditLog(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new PlanHistory(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new CallRecordSearch(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new CallReports(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new BindingStore(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new DataFolder(Path.GetDirectoryName(sp.GetRequiredService<PbxDatabase>().FilePath)!));
        services.TryAddSingleton(sp => new VoicemailIndex(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new VoicemailLookup(sp.GetRequiredService<PbxDatabase>()));
        services.TryAddSingleton(sp => new PromptFiles(sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<AuditLog>(), sp.GetServices<IPromptChangeListener>()));
        services.TryAddSingleton<IBoxControl, UnavailableBoxControl>();
        services.TryAddSingleton<IBoxSettings, NoBoxSettings>();
        // The recent-log view: a logger provider the host's logging picks up from the container, unless the host
        // registered RecentLog itself because its own logger hands it each line it formats (the daemon's console logger).
        if (!services.Any(s => s.ServiceType == typeof(RecentLog)))
        {
            services.AddSingleton(sp => new RecentLog(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(sp => sp.GetRequiredService<RecentLog>());
        }

        services.TryAddSingleton<IInstallerAccounts>(sp => new StoredInstallerAccounts(sp.GetRequiredService<AccountStore>()));
        services.TryAddSingleton<IPbxStatusSource>(sp => new StoredPbxStatus(sp.GetRequiredService<BindingStore>()));
        services.TryAddSingleton(sp => new PlanEditor(sp.GetRequiredService<ActivePlan>(), sp.GetRequiredService<PlanActivation>(), sp.GetRequiredService<AuditLog>()));
        services.AddSingleton<PlanSection>(sp => new ExtensionSection(sp.GetRequiredService<PhoneAccountStore>()));
        services.AddSingleton<PlanSection>(_ => new GroupSection());
        services.AddSingleton<PlanSection>(sp => new MenuSection(sp.GetRequiredService<PromptFiles>()));
        services.AddSingleton<PlanSection>(_ => new ScheduleSection());
        return services;
    }

    public static WebApplication UseInstallerWeb(this WebApplication app, WebShellInfo info)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(info);
        app.UseSecurityHeaders();
        app.Use(LimitBodies);
        app.MapHealth(info.Version, info.Time);
        app.MapAssets();
        app.MapAuth();
        app.MapDashboard(info);
        foreach (var section in app.Services.GetServices<PlanSection>())
        {
            app.MapPlanSection(section);
        }

        app.MapPlanWideSettings();
        app.MapPhonesApi();
        app.MapPlanApi();
        app.MapExplain();
        app.MapCalls();
        app.MapReports();
        app.MapSystem(info);
        app.MapBox();
        app.MapBoxSettings();
        app.MapLogs();
        app.MapPrompts();
        app.MapVoicemail();
        app.MapOpenApi();
        return app;
    }

    /// <summary>Caps every body and turns an over-long or malformed body into a clear 4xx instead of a 500.</summary>
    private static async Task LimitBodies(HttpContext context, Func<Task> next)
    {
        // File uploads (prompts, a backup to restore) name their own, larger limit.
        var max = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? MaxRequestBytes;
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = max;
        }

        if (context.Request.ContentLength > max)
        {
            await RequestBody.Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {max} bytes").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next().ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await RequestBody.Error(e.StatusCode, e.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (InvalidDataException e) when (!context.Response.HasStarted)
        {
            // Malformed form bodies (bad multipart boundaries, too many fields) surface as InvalidDataException.
            await RequestBody.Error(StatusCodes.Status400BadRequest, e.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
