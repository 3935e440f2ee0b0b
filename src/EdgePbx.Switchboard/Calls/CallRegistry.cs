using System.Collections.Concurrent;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// Live calls by every Call-ID they own: the caller's dialog and each outbound leg's, so an in-dialog
/// request on any leg finds its call (and is then handled on that call's partition).
/// </summary>
internal sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, Call> _byCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Call> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    public IEnumerable<Call> Calls => _calls.Values;

    public bool TryAdd(Call call)
    {
        if (!_byCallId.TryAdd(call.Key, call))
        {
            // The Call-ID is taken, by a call or by one of our own outbound legs looping back.
            return false;
        }

        _calls[call.Key] = call;
        return true;
    }

    public void AddLeg(string legCallId, Call call) => _byCallId[legCallId] = call;

    public Call? Find(string callId) => _byCallId.TryGetValue(callId, out var call) ? call : null;

    public void RemoveLeg(string legCallId) => _byCallId.TryRemove(legCallId, out _);

    public void Remove(Call call)
    {
        _calls.TryRemove(call.Key, out _);
        _byCallId.TryRemove(call.Key, out _);
    }
}
