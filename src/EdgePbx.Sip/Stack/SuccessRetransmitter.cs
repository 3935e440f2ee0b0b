using System.Collections.Concurrent;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Stack;

/// <summary>
/// RFC 3261 13.3.1.4: the UAS core retransmits a 2xx to INVITE at T1, doubling to T2, until the ACK
/// arrives or 64*T1 passes (the server transaction itself stops at 2xx, RFC 6026).
/// </summary>
internal sealed class SuccessRetransmitter : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TransactionTimers _timers;
    private readonly ISipSender _sender;
    private readonly ConcurrentDictionary<(string CallId, long CSeq, string ToTag), Entry> _pending = new();

    public SuccessRetransmitter(TimeProvider time, TransactionTimers timers, ISipSender sender)
    {
        _time = time;
        _timers = timers;
        _sender = sender;
    }

    public int PendingCount => _pending.Count;

    /// <summary>Retransmits <paramref name="response"/>, a 2xx to <paramref name="invite"/> whose To carries <paramref name="toTag"/>.</summary>
    public void Start(SipMessage invite, string toTag, ReadOnlyMemory<byte> response, SipPeer target)
    {
        var key = (invite.CallId, invite.CSeqNumber, toTag);
        var entry = new Entry(this, key, response, target);
        if (_pending.TryAdd(key, entry))
        {
            entry.Arm(_timers.T1);
        }
        else
        {
            entry.Dispose();
        }
    }

    /// <summary>True when the ACK matched a 2xx being retransmitted (which then stops).</summary>
    public bool OnAck(SipMessage ack)
    {
        if (_pending.TryRemove((ack.CallId, ack.CSeqNumber, ack.ToTag ?? string.Empty), out var entry))
        {
            entry.Dispose();
            return true;
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var e in _pending.Values)
        {
            e.Dispose();
        }

        _pending.Clear();
    }

    private sealed class Entry : IDisposable
    {
        private readonly SuccessRetransmitter _owner;
        private readonly (string, long, string) _key;
        private readonly ReadOnlyMemory<byte> _data;
        private readonly SipPeer _target;
        private readonly long _started;
        private ITimer? _timer;
        private TimeSpan _interval;

        public Entry(SuccessRetransmitter owner, (string, long, string) key, ReadOnlyMemory<byte> data, SipPeer target)
        {
            _owner = owner;
            _key = key;
            _data = data;
            _target = target;
            _started = owner._time.GetTimestamp();
        }

        public void Arm(TimeSpan interval)
        {
            _interval = interval;
            _timer?.Dispose();
            _timer = _owner._time.CreateTimer(static s => ((Entry)s!).Fire(), this, interval, Timeout.InfiniteTimeSpan);
        }

        public void Dispose() => _timer?.Dispose();

        private void Fire()
        {
            if (_owner._time.GetElapsedTime(_started) >= _owner._timers.SixtyFourT1)
            {
                _owner._pending.TryRemove(_key, out _);
                Dispose();
                return;
            }

            _owner._sender.Send(_data, _target);
            Arm(TimeSpan.FromTicks(Math.Min((_interval * 2).Ticks, _owner._timers.T2.Ticks)));
        }
    }
}
