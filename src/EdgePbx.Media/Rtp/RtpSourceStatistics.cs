namespace EdgePbx.Media.Rtp;

/// <summary>
/// Per-source reception state of RFC 3550 appendix A.1 (sequence validation with probation, wrap counting),
/// A.3 (expected/lost/fraction lost) and A.8 (interarrival jitter). One instance per remote SSRC; no allocation.
/// </summary>
public sealed class RtpSourceStatistics
{
    // RFC 3550 A.1 constants.
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;
    private const uint SequenceModulus = 1 << 16;

    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence = SequenceModulus + 1;
    private int _probation = MinSequential;
    private uint _received;
    private uint _expectedPrior;
    private uint _receivedPrior;
    private int _transit;
    private bool _haveTransit;
    private uint _jitterScaled;
    private bool _initialised;

    public uint Received => _received;

    /// <summary>A.3: extended highest sequence number received (cycles in the upper 16 bits).</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>A.3: expected = extended max - base + 1.</summary>
    public uint Expected => _initialised ? ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>A.3: cumulative number lost (duplicates can make it negative), clamped to 24-bit signed for the report block.</summary>
    public int CumulativeLost => Math.Clamp((int)((long)Expected - _received), -0x800000, 0x7FFFFF);

    /// <summary>A.8: interarrival jitter in timestamp units (the integer form keeps it scaled by 16).</summary>
    public uint Jitter => _jitterScaled >> 4;

    /// <summary>A.8 jitter as kept, scaled by 16 (the kernel's forwarding goes on from it).</summary>
    internal uint JitterScaled => _jitterScaled;

    /// <summary>
    /// Takes in packets the kernel forwarded without us seeing them (<see cref="ForwardedDirection"/>): its count, its
    /// A.1 extended highest sequence number (moved forward only) and its A.8 jitter, which it carried on from ours.
    /// </summary>
    internal void AddForwarded(uint extendedHighestSequence, uint packets, uint jitterScaled)
    {
        if (!_initialised || _probation > 0 || packets == 0)
        {
            return;
        }

        if ((int)(extendedHighestSequence - ExtendedHighestSequence) > 0)
        {
            _cycles = extendedHighestSequence & ~(SequenceModulus - 1);
            _maxSequence = (ushort)extendedHighestSequence;
        }

        _received += packets;
        _jitterScaled = jitterScaled;
    }

    /// <summary>A.1: feed a sequence number; false means the packet is not (yet) valid and should not be played.</summary>
    public bool UpdateSequence(ushort sequence)
    {
        if (!_initialised)
        {
            Init(sequence);
            _maxSequence = (ushort)(sequence - 1);
            _probation = MinSequential;
            _initialised = true;
        }

        var delta = (ushort)(sequence - _maxSequence);
        if (_probation > 0)
        {
            // Source is not valid until MinSequential packets with sequential numbers have been received.
            if (sequence == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    Init(sequence);
                    _received++;
                    return true;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequence;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            // In order, with permissible gap.
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulus;
            }

            _maxSequence = sequence;
        }
        else if (delta <= SequenceModulus - MaxMisorder)
        {
            // The sequence number made a very large jump.
            if (sequence == _badSequence)
            {
                // Two sequential packets: assume the other side restarted without telling us.
                Init(sequence);
            }
            else
            {
                _badSequence = (uint)((sequence + 1) & (SequenceModulus - 1));
                return false;
            }
        }

        // else: duplicate or reordered packet, counted as received.
        _received++;
        return true;
    }

    /// <summary>A.8: arrival and RTP timestamp in the same units (samples at 8 kHz).</summary>
    public void UpdateJitter(uint arrival, uint rtpTimestamp)
    {
        var transit = unchecked((int)(arrival - rtpTimestamp));
        if (!_haveTransit)
        {
            _transit = transit;
            _haveTransit = true;
            return;
        }

        var d = transit - _transit;
        _transit = transit;
        if (d < 0)
        {
            d = -d;
        }

        // A.8: jitter += d - ((jitter + 8) >> 4), the integer form of J += (|D| - J) / 16.
        _jitterScaled = (uint)(_jitterScaled + d - ((_jitterScaled + 8) >> 4));
    }

    /// <summary>A.3: fraction lost since the previous report, as the 8-bit fixed point of the report block.</summary>
    public byte TakeFractionLost()
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        var receivedInterval = _received - _receivedPrior;
        _receivedPrior = _received;
        var lostInterval = (long)expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)((lostInterval << 8) / expectedInterval);
    }

    private void Init(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulus + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }
}
