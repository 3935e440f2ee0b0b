using EdgePbx.Media.Codecs;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Switchboard.Voicemail;

/// <summary>
/// The caller's audio to a WAV file (NAudio through <see cref="WavRecorder"/>), fed on the media clock's thread.
/// Silent frames are held back in memory, not written, until speech resumes: when silence ends the message, the
/// held silence is dropped, so the file holds what was said and not the pause that ended it. The engine reads
/// <see cref="SinceSpeech"/> on its own timer (a caller who stops sending RTP is silent too). Writes and
/// <see cref="Finish"/> take one small lock, uncontended except at the very end.
/// </summary>
public sealed class VoicemailRecording : IDisposable
{
    private readonly object _gate = new();
    private readonly Stream _file;
    private readonly WavRecorder _recorder;
    private readonly AudioCodec _codec;
    private readonly int _payloadType;
    private readonly int _silenceLevel;
    private readonly TimeProvider _time;
    private readonly Action<RecordingEnd> _ended;
    private readonly short[] _pcm = new short[PromptAudio.FrameBytes];
    private readonly short[] _held;
    private readonly long _maxSamples;
    private int _heldCount;
    private long _lastSpeech;
    private bool _done;

    /// <param name="file">The open file (owned from now on).</param>
    /// <param name="codec">The caller's negotiated codec.</param>
    /// <param name="payloadType">Its RTP payload type; other packets (telephone-event, comfort noise) are not audio.</param>
    /// <param name="maxLength">Longest recording.</param>
    /// <param name="silenceTimeout">How much silence is held back (and ends the message, see <see cref="SinceSpeech"/>).</param>
    /// <param name="silenceLevel">Mean absolute sample under which a frame is silence.</param>
    /// <param name="time">The clock.</param>
    /// <param name="ended">Called once, on the clock thread, when the recording filled up or writing failed: post it.</param>
    public VoicemailRecording(Stream file, AudioCodec codec, int payloadType, TimeSpan maxLength, TimeSpan silenceTimeout, int silenceLevel, TimeProvider time, Action<RecordingEnd> ended)
    {
        ArgumentNullException.ThrowIfNull(time);
        _file = file;
        _recorder = new WavRecorder(file, maxLength);
        _maxSamples = (long)(maxLength.TotalSeconds * 8000);
        _codec = codec;
        _payloadType = payloadType;
        _silenceLevel = silenceLevel;
        _time = time;
        _ended = ended;
        _held = new short[(int)(silenceTimeout.TotalSeconds * 8000) + PromptAudio.FrameBytes];
        _lastSpeech = time.GetTimestamp();
    }

    /// <summary>Audio written so far (held-back silence not counted).</summary>
    public TimeSpan Recorded
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromSeconds(_recorder.SamplesWritten / 8000.0);
            }
        }
    }

    public bool Failed { get; private set; }

    /// <summary>How long since the last frame with speech (or since the start).</summary>
    public TimeSpan SinceSpeech => _time.GetElapsedTime(Volatile.Read(ref _lastSpeech));

    /// <summary>One RTP packet from the caller (clock thread).</summary>
    public void OnPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType != _payloadType)
        {
            return;
        }

        RecordingEnd? end = null;
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            while (!payload.IsEmpty && end is null)
            {
                var n = Math.Min(_pcm.Length, payload.Length);
                var pcm = _pcm.AsSpan(0, n);
                G711.Decode(_codec, payload[..n], pcm);
                payload = payload[n..];
                end = Take(pcm);
            }

            if (end is not null)
            {
                _done = true;
            }
        }

        if (end is { } e)
        {
            _ended(e);
        }
    }

    /// <summary>
    /// Stops recording and completes the WAV header. <paramref name="keepHeldSilence"/> false drops the silence
    /// still held back (the message ended on silence or '#'). Returns false when the file could not be completed.
    /// </summary>
    public bool Finish(bool keepHeldSilence)
    {
        lock (_gate)
        {
            _done = true;
            try
            {
                if (keepHeldSilence && !Failed)
                {
                    _recorder.Write(_held.AsSpan(0, _heldCount));
                }

                _heldCount = 0;
                _recorder.Dispose();
                return !Failed;
            }
            catch (IOException)
            {
                Failed = true;
                return false;
            }
            finally
            {
                _file.Dispose();
            }
        }
    }

    public void Dispose() => Finish(keepHeldSilence: false);

    private RecordingEnd? Take(Span<short> pcm)
    {
        long sum = 0;
        foreach (var s in pcm)
        {
            sum += Math.Abs((int)s);
        }

        try
        {
            if (pcm.Length > 0 && sum / pcm.Length >= _silenceLevel)
            {
                Volatile.Write(ref _lastSpeech, _time.GetTimestamp());
                if (_heldCount > 0)
                {
                    _recorder.Write(_held.AsSpan(0, _heldCount));
                    _heldCount = 0;
                }

                return _recorder.Write(pcm) ? null : RecordingEnd.Full;
            }

            if (_heldCount + pcm.Length > _held.Length)
            {
                // More silence than the timeout: the engine's timer ends the message; keep the newest only.
                _heldCount = 0;
            }

            pcm.CopyTo(_held.AsSpan(_heldCount));
            _heldCount += pcm.Length;
            return _recorder.SamplesWritten + _heldCount >= _maxSamples ? RecordingEnd.Full : null;
        }
        catch (IOException)
        {
            Failed = true;
            return RecordingEnd.WriteFailed;
        }
    }
}
