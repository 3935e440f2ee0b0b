using EdgePbx.Storage.Database;
using EdgePbx.Web.Health;

namespace EdgePbx.Daemon.Hosting;

/// <summary>Ready only while the SQLite database answers (records, plan history, accounts).</summary>
public sealed class DatabaseReadiness(PbxDatabase database) : IReadinessCheck
{
    public string Name => "database";

    public ReadinessResult Check()
    {
        var health = database.CheckHealth();
        return health.IsHealthy ? ReadinessResult.Yes(health.Detail) : ReadinessResult.No(health.Detail);
    }
}
