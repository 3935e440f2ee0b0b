using EdgePbx.Media.Codecs;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Tests.Support;
using EdgePbx.Switchboard.Voicemail;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Voicemail;

/// <summary>The recorder fed frame by frame on a fake clock: silence held back, length cap, disk full.</summary>
public sealed class VoicemailRecordingTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<RecordingEnd> _ends = [];
    private ushort _seq;

    private static byte[] Frame(short amplitude)
    {
        var pcm = amplitude == 0 ? new short[160] : TestWav.Sine(440, 20, amplitude);
        var ulaw = new byte[160];
        G711.Encode(AudioCodec.Pcmu, pcm, ulaw);
        return ulaw;
    }

    private VoicemailRecording Recorder(Stream file, TimeSpan? max = null) =>
        new(file, AudioCodec.Pcmu, 0, max ?? TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), 300, _time, _ends.Add);

    private void Feed(VoicemailRecording r, short amplitude, int frames, byte payloadType = 0)
    {
        var f = Frame(amplitude);
        for (var i = 0; i < frames; i++)
        {
            r.OnPacket(new RtpHeader(false, payloadType, _seq++, 0, 1), f);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }
    }

    private static TimeSpan Length(KeptStream file) =>
        WavPromptLoader.Load(new MemoryStream(file.Final), AudioCodec.Pcmu, "test").Audio!.Duration;

    [Fact]
    public void Silence_between_words_is_kept_and_trailing_silence_dropped()
    {
        var file = new KeptStream();
        var r = Recorder(file);

        Feed(r, 8000, 50);
        Feed(r, 0, 25);
        Feed(r, 8000, 50);
        Feed(r, 0, 40);
        Assert.True(r.SinceSpeech >= TimeSpan.FromMilliseconds(800));
        Assert.True(r.Finish(keepHeldSilence: false));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), Length(file));
    }

    [Fact]
    public void Held_silence_is_kept_when_asked_and_other_payload_types_are_not_audio()
    {
        var file = new KeptStream();
        var r = Recorder(file);

        Feed(r, 8000, 10);
        Feed(r, 8000, 10, payloadType: 101);
        Feed(r, 0, 10);
        r.Finish(keepHeldSilence: true);

        Assert.Equal(TimeSpan.FromMilliseconds(400), Length(file));
    }

    [Fact]
    public void The_maximum_length_ends_the_recording_once()
    {
        var file = new KeptStream();
        var r = Recorder(file, TimeSpan.FromSeconds(1));

        Feed(r, 8000, 60);
        r.Finish(keepHeldSilence: false);

        Assert.Equal([RecordingEnd.Full], _ends);
        Assert.Equal(TimeSpan.FromSeconds(1), Length(file));
    }

    [Fact]
    public void A_full_disk_is_reported_once_not_thrown()
    {
        var r = Recorder(new FullDiskStream(4000));

        Feed(r, 8000, 100);

        Assert.Equal([RecordingEnd.WriteFailed], _ends);
        Assert.True(r.Failed);
        Assert.False(r.Finish(keepHeldSilence: false));
    }

    /// <summary>A memory stream that keeps its bytes when the WAV writer disposes it, so the test can read the result.</summary>
    private sealed class KeptStream : MemoryStream
    {
        public byte[] Final { get; private set; } = [];

        protected override void Dispose(bool disposing)
        {
            if (Final.Length == 0)
            {
                Final = ToArray();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Accepts <paramref name="capacity"/> bytes, then fails like a full file system (ENOSPC is an IOException).</summary>
    private sealed class FullDiskStream(int capacity) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > capacity)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > capacity)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer);
        }
    }
}
