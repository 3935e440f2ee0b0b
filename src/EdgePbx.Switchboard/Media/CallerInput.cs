using EdgePbx.Media.Codecs;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Fax;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Switchboard.Media;

/// <summary>
/// Listens to one direction of a leg before (or beside) the bridge: RFC 4733 events when the packet carries the
/// negotiated telephone-event payload type, otherwise the G.711 audio is decoded into a preallocated buffer and
/// fed to the in-band DTMF detector and the fax tone detector. Runs on the media clock's thread (or the RTP I/O
/// thread, one packet at a time) and allocates nothing per packet; what it finds goes to the callbacks, which post
/// to the call's partition.
/// </summary>
/// <remarks>
/// A caller that sends RFC 4733 (or SIP INFO) digits often leaves the tones in its audio as well; once one
/// such digit was seen, in-band detection is switched off for the rest of the call so no digit counts twice.
/// The detectors (about 3.5 KB of state together) are made on the first audio frame that needs them, on the
/// thread that runs <see cref="Process"/>, the only one that touches them: a call or leg that carries no audio to
/// us before it is bridged (a refused call, one answered before the caller's first packet) pays nothing for them;
/// a real caller's audio while members ring still makes them. Made then, a detector has seen
/// exactly what one made with the input would have seen, since it is fed from the first frame it is needed for
/// (in-band detection is never switched back on).
/// </remarks>
public sealed class CallerInput
{
    private const int Chunk = 160;

    private readonly AudioCodec _codec;
    private readonly int _audioPayloadType;
    private readonly int _eventPayloadType;
    private readonly Action<char, DigitSource> _digit;
    private readonly Action<FaxTone> _faxTone;
    private readonly TelephoneEventReceiver _events = new();

    // Made on the first audio frame (see remarks). Only an input that listens for digits ever has a DTMF
    // detector (an outbound leg listens for CED alone).
    private DtmfDetector? _dtmf;
    private FaxToneDetector? _fax;
    private int _inBandOff;
    private int _framesLeft;

    /// <param name="media">The leg's negotiated media (codec, audio and telephone-event payload types).</param>
    /// <param name="detectDigits">False listens for fax tones only (an outbound leg).</param>
    /// <param name="digit">A digit was pressed (clock thread: post, do not handle here).</param>
    /// <param name="faxTone">CNG or CED was recognised (clock thread: post).</param>
    /// <param name="listenFrames">After this many 20 ms frames of audio the input stops listening (CED comes at once or not at all).</param>
    public CallerInput(NegotiatedMedia media, bool detectDigits, Action<char, DigitSource> digit, Action<FaxTone> faxTone, int listenFrames = int.MaxValue)
    {
        _framesLeft = listenFrames;
        ArgumentNullException.ThrowIfNull(media);
        _codec = media.Codec;
        _audioPayloadType = media.PayloadType;
        _eventPayloadType = media.TelephoneEventPayloadType ?? -1;
        _digit = digit;
        _faxTone = faxTone;
        _inBandOff = detectDigits ? 0 : 1;
        DetectsDigits = detectDigits;
    }

    public bool DetectsDigits { get; }

    public bool InBandDetection => Volatile.Read(ref _inBandOff) == 0;

    /// <summary>Listens for nothing more: fax tones only, and the frames to listen to are over.</summary>
    public bool Done => !DetectsDigits && _framesLeft <= 0;

    /// <summary>Digits come another way (RFC 4733 or SIP INFO): stop looking for them in the audio.</summary>
    public void StopInBand() => Volatile.Write(ref _inBandOff, 1);

    public void Process(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType == _eventPayloadType)
        {
            // RFC 4733 2.5.2: the receiver reports each event once, however many packets carry it.
            if (DetectsDigits && _events.Receive(header.Timestamp, payload) is { } key)
            {
                StopInBand();
                _digit(key, DigitSource.Rfc4733);
            }

            return;
        }

        if (header.PayloadType != _audioPayloadType)
        {
            // Comfort noise (RFC 3389) or a payload type we never offered: nothing to listen to.
            return;
        }

        if (payload.IsEmpty || _framesLeft <= 0)
        {
            return;
        }

        Span<short> samples = stackalloc short[Chunk];
        Span<char> found = stackalloc char[4];
        var fax = _fax ??= new FaxToneDetector();
        while (!payload.IsEmpty && _framesLeft > 0)
        {
            _framesLeft--;
            var n = Math.Min(Chunk, payload.Length);
            var pcm = samples[..n];
            G711.Decode(_codec, payload[..n], pcm);
            payload = payload[n..];
            if (fax.Process(pcm) is var tone and not FaxTone.None)
            {
                _faxTone(tone);
            }

            if (DetectsDigits && Volatile.Read(ref _inBandOff) == 0)
            {
                var dtmf = _dtmf ??= new DtmfDetector();
                var count = dtmf.Process(pcm, found);
                for (var i = 0; i < count && Volatile.Read(ref _inBandOff) == 0; i++)
                {
                    _digit(found[i], DigitSource.InBand);
                }
            }
        }
    }
}
