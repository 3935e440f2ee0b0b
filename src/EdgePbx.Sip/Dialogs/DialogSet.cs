using System.Collections.Concurrent;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Dialogs;

/// <summary>The live dialogs, found by the identifiers of an in-dialog request or response (RFC 3261 12.2.2).</summary>
public sealed class DialogSet
{
    private readonly ConcurrentDictionary<DialogId, SipDialog> _dialogs = new();

    public int Count => _dialogs.Count;

    public void Add(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        _dialogs[dialog.Id] = dialog;
    }

    public void Remove(DialogId id) => _dialogs.TryRemove(id, out _);

    /// <summary>A request from the peer: our tag is in To, theirs in From.</summary>
    public SipDialog? FindForRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ToTag is { } local && request.FromTag is { } remote && _dialogs.TryGetValue(new DialogId(request.CallId, local, remote), out var d) ? d : null;
    }

    /// <summary>A response to our request: our tag is in From, theirs in To.</summary>
    public SipDialog? FindForResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.FromTag is { } local && response.ToTag is { } remote && _dialogs.TryGetValue(new DialogId(response.CallId, local, remote), out var d) ? d : null;
    }
}
