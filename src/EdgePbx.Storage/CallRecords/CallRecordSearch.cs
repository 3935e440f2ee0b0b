using System.Collections.Immutable;
using System.Text;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.CallRecords;

/// <summary>Searches call records on a reader connection; never waits for, nor holds up, the writer.</summary>
public sealed class CallRecordSearch(PbxDatabase database)
{
    public CallPage Search(CallSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var pageSize = Math.Clamp(search.PageSize, 1, CallSearch.MaxPageSize);
        using var connection = database.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = new StringBuilder("1 = 1");
        var p = command.Parameters;

        // By extension the newest calls come from call_extensions' (extension, start) order; otherwise from
        // calls_by_start. Either way (start, row) is the page order and the cursor.
        var byExtension = !string.IsNullOrEmpty(search.Extension);
        var source = byExtension ? "call_extensions x JOIN calls c ON c.id = x.call_row" : "calls c";
        var start = byExtension ? "x.start_ms" : "c.start_ms";
        var row = byExtension ? "x.call_row" : "c.id";
        if (byExtension)
        {
            where.Append(" AND x.extension = $ext");
            p.AddWithValue("$ext", search.Extension);
        }

        if (search.From is { } from)
        {
            where.Append(" AND ").Append(start).Append(" >= $from");
            p.AddWithValue("$from", SqlTime.ToMs(from));
        }

        if (search.To is { } to)
        {
            where.Append(" AND ").Append(start).Append(" < $to");
            p.AddWithValue("$to", SqlTime.ToMs(to));
        }

        if (!string.IsNullOrEmpty(search.Number))
        {
            where.Append(" AND (c.caller = $number OR c.called = $number)");
            p.AddWithValue("$number", search.Number);
        }

        if (search.Outcome is { } outcome)
        {
            where.Append(" AND c.outcome = $outcome");
            p.AddWithValue("$outcome", (int)outcome);
        }

        if (search.After is { } after)
        {
            where.Append(" AND (").Append(start).Append(", ").Append(row).Append(") < ($after_start, $after_row)");
            p.AddWithValue("$after_start", after.StartMs);
            p.AddWithValue("$after_row", after.RowId);
        }

        // One more than the page tells whether a next page exists without a COUNT over the whole range.
        command.CommandText = $"SELECT {CallRecordRows.CallColumns} FROM {source} WHERE {where} ORDER BY {start} DESC, {row} DESC LIMIT $limit";
        p.AddWithValue("$limit", pageSize + 1);

        var items = new List<StoredCall>(pageSize);
        var hasMore = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (items.Count == pageSize)
                {
                    hasMore = true;
                    break;
                }

                items.Add(CallRecordRows.ReadCall(reader, []));
            }
        }

        var legs = LoadLegs(connection, transaction, items);
        var page = items.Select(i => i with { Record = i.Record with { Legs = legs.GetValueOrDefault(i.RowId, []) } }).ToImmutableArray();
        CallCursor? next = hasMore && page.Length > 0
            ? new CallCursor(SqlTime.ToMs(page[^1].Record.Start), page[^1].RowId)
            : null;
        return new CallPage(page, next);
    }

    private static Dictionary<long, ImmutableArray<CallLeg>> LoadLegs(SqliteConnection connection, SqliteTransaction transaction, List<StoredCall> items)
    {
        var result = new Dictionary<long, ImmutableArray<CallLeg>>();
        if (items.Count == 0)
        {
            return result;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var ids = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            ids.Append(i == 0 ? "" : ",").Append("$r").Append(i);
            command.Parameters.AddWithValue("$r" + i, items[i].RowId);
        }

        command.CommandText = $"SELECT {CallRecordRows.LegColumns} FROM call_legs l WHERE l.call_row IN ({ids}) ORDER BY l.call_row, l.seq";
        var builders = new Dictionary<long, ImmutableArray<CallLeg>.Builder>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = CallRecordRows.LegCallRow(reader);
            if (!builders.TryGetValue(row, out var builder))
            {
                builders[row] = builder = ImmutableArray.CreateBuilder<CallLeg>();
            }

            builder.Add(CallRecordRows.ReadLeg(reader));
        }

        foreach (var (row, builder) in builders)
        {
            result[row] = builder.ToImmutable();
        }

        return result;
    }
}
