using System.Collections.Immutable;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Subscriptions;

/// <summary>Persists the notifier's subscriptions (one row per dialog and event) so they are served again after a restart.</summary>
public sealed class SubscriptionStore(PbxDatabase database)
{
    // Route set entries are SIP header values; a line feed never occurs in one (RFC 3261 7.3.1 folds are unfolded).
    private const char RouteSeparator = '\n';

    public Task SaveAsync(StoredSubscription s, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO subscriptions (call_id, local_tag, remote_tag, event, package, resource, subscriber, local_uri, remote_uri,
                    remote_target, route_set, local_seq, remote_seq, peer, expires_ms)
                VALUES ($call_id, $local_tag, $remote_tag, $event, $package, $resource, $subscriber, $local_uri, $remote_uri,
                    $remote_target, $route_set, $local_seq, $remote_seq, $peer, $expires)
                ON CONFLICT (call_id, local_tag, remote_tag, event) DO UPDATE SET remote_target = excluded.remote_target,
                    local_seq = excluded.local_seq, remote_seq = excluded.remote_seq, peer = excluded.peer, expires_ms = excluded.expires_ms
                """;
            command.Parameters.AddWithValue("$call_id", s.CallId);
            command.Parameters.AddWithValue("$local_tag", s.LocalTag);
            command.Parameters.AddWithValue("$remote_tag", s.RemoteTag);
            command.Parameters.AddWithValue("$event", s.EventHeader);
            command.Parameters.AddWithValue("$package", s.Package);
            command.Parameters.AddWithValue("$resource", s.Resource);
            command.Parameters.AddWithValue("$subscriber", s.Subscriber);
            command.Parameters.AddWithValue("$local_uri", s.LocalUri);
            command.Parameters.AddWithValue("$remote_uri", s.RemoteUri);
            command.Parameters.AddWithValue("$remote_target", s.RemoteTarget);
            command.Parameters.AddWithValue("$route_set", string.Join(RouteSeparator, s.RouteSet));
            command.Parameters.AddWithValue("$local_seq", s.LocalSeq);
            command.Parameters.AddWithValue("$remote_seq", s.RemoteSeq);
            command.Parameters.AddWithValue("$peer", s.Peer);
            command.Parameters.AddWithValue("$expires", SqlTime.ToMs(s.ExpiresAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<bool> RemoveAsync(string callId, string localTag, string remoteTag, string eventHeader, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM subscriptions WHERE call_id = $c AND local_tag = $l AND remote_tag = $r AND event = $e";
            command.Parameters.AddWithValue("$c", callId);
            command.Parameters.AddWithValue("$l", localTag);
            command.Parameters.AddWithValue("$r", remoteTag);
            command.Parameters.AddWithValue("$e", eventHeader);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    /// <summary>Every saved subscription (expired ones too: the notifier drops those and says so).</summary>
    public ImmutableArray<StoredSubscription> LoadAll()
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT call_id, local_tag, remote_tag, event, package, resource, subscriber, local_uri, remote_uri, remote_target,
                route_set, local_seq, remote_seq, peer, expires_ms FROM subscriptions ORDER BY resource, call_id
            """;
        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<StoredSubscription>();
        while (r.Read())
        {
            var routes = r.GetString(10);
            result.Add(new StoredSubscription(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.GetString(9), routes.Length == 0 ? [] : routes.Split(RouteSeparator),
                r.GetInt64(11), r.GetInt64(12), r.GetString(13), SqlTime.FromMs(r.GetInt64(14))));
        }

        return result.ToImmutable();
    }
}
