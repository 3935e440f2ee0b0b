using EdgePbx.Media.Codecs;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Fax;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Media;

namespace EdgePbx.Switchboard.Tests.Media;

/// <summary>The caller's packets before the bridge: RFC 4733 and in-band digits, CNG, never a digit twice.</summary>
public sealed class CallerInputTests
{
    private static readonly NegotiatedMedia Pcmu = new(0, "127.0.0.1", 4000, AudioCodec.Pcmu, 0, 101, 20, MediaDirection.SendReceive);

    private readonly List<(char Digit, DigitSource Source)> _digits = [];
    private readonly List<FaxTone> _tones = [];

    private CallerInput Input(NegotiatedMedia media, bool digits = true) =>
        new(media, digits, (d, s) => _digits.Add((d, s)), t => _tones.Add(t));

    /// <summary>Feeds 16-bit audio as 20 ms G.711 packets of the leg's codec.</summary>
    internal static void Stream(CallerInput input, NegotiatedMedia media, ReadOnlySpan<short> pcm, ref uint timestamp)
    {
        var frame = new byte[160];
        for (var at = 0; at + 160 <= pcm.Length; at += 160)
        {
            G711.Encode(media.Codec, pcm.Slice(at, 160), frame);
            input.Process(new RtpHeader(false, (byte)media.PayloadType, 0, timestamp, 1), frame);
            timestamp += 160;
        }
    }

    internal static short[] Dtmf(char digit, int ms)
    {
        var (low, high) = digit switch
        {
            '1' => (697, 1209), '2' => (697, 1336), '3' => (697, 1477),
            '4' => (770, 1209), '5' => (770, 1336), '6' => (770, 1477),
            '7' => (852, 1209), '8' => (852, 1336), '9' => (852, 1477),
            '*' => (941, 1209), '0' => (941, 1336), _ => (941, 1477),
        };
        var samples = new short[8 * ms];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)((5000 * Math.Sin(2 * Math.PI * low * i / 8000)) + (5000 * Math.Sin(2 * Math.PI * high * i / 8000)));
        }

        return samples;
    }

    [Fact]
    public void In_band_tones_in_g711_give_each_digit_once()
    {
        var input = Input(Pcmu);
        uint ts = 0;
        foreach (var d in "102#")
        {
            Stream(input, Pcmu, Dtmf(d, 100), ref ts);
            Stream(input, Pcmu, new short[800], ref ts);
        }

        Assert.Equal([('1', DigitSource.InBand), ('0', DigitSource.InBand), ('2', DigitSource.InBand), ('#', DigitSource.InBand)], _digits);
    }

    [Fact]
    public void In_band_works_in_pcma_too()
    {
        var pcma = Pcmu with { Codec = AudioCodec.Pcma, PayloadType = 8 };
        var input = Input(pcma);
        uint ts = 0;
        Stream(input, pcma, Dtmf('7', 80), ref ts);
        Assert.Equal([('7', DigitSource.InBand)], _digits);
    }

    [Fact]
    public void Rfc4733_events_count_once_each_and_switch_in_band_detection_off()
    {
        var input = Input(Pcmu);
        var payload = new byte[4];
        // RFC 4733 2.5.1: start (marker), updates and three end packets, all with the event's start timestamp.
        foreach (var (end, duration) in new[] { (false, 160), (false, 320), (true, 480), (true, 480), (true, 480) })
        {
            new TelephoneEvent(5, end, 10, (ushort)duration).Write(payload);
            input.Process(new RtpHeader(duration == 160, 101, 0, 8000, 1), payload);
        }

        // The same key left in the audio afterwards (many phones do both) is not counted again.
        uint ts = 8000;
        Stream(input, Pcmu, Dtmf('5', 100), ref ts);
        new TelephoneEvent(11, true, 10, 800).Write(payload);
        input.Process(new RtpHeader(true, 101, 0, 16000, 1), payload);

        Assert.Equal([('5', DigitSource.Rfc4733), ('#', DigitSource.Rfc4733)], _digits);
        Assert.False(input.InBandDetection);
    }

    [Fact]
    public void Telephone_events_are_ignored_when_the_leg_listens_for_fax_only_and_other_payload_types_are_skipped()
    {
        var input = Input(Pcmu, digits: false);
        var payload = new byte[4];
        new TelephoneEvent(1, false, 10, 160).Write(payload);
        input.Process(new RtpHeader(true, 101, 0, 1, 1), payload);
        input.Process(new RtpHeader(false, 13, 0, 1, 1), new byte[1]);
        uint ts = 0;
        Stream(input, Pcmu, Dtmf('1', 200), ref ts);
        Assert.Empty(_digits);
    }

    [Fact]
    public void Cng_is_reported_inside_the_first_half_second_burst()
    {
        var input = Input(Pcmu);
        var cng = new short[8 * 500];
        for (var i = 0; i < cng.Length; i++)
        {
            cng[i] = (short)(6000 * Math.Sin(2 * Math.PI * 1100 * i / 8000));
        }

        uint ts = 0;
        Stream(input, Pcmu, cng, ref ts);
        Assert.Equal([FaxTone.Cng], _tones);
        Assert.Empty(_digits);
    }

    [Fact]
    public void An_input_that_hears_no_audio_builds_no_detector()
    {
        var payload = new byte[4];
        new TelephoneEvent(3, false, 10, 160).Write(payload);
        var warmUp = new CallerInput(Pcmu, true, static (_, _) => { }, static _ => { });
        warmUp.Process(new RtpHeader(true, 101, 0, 1, 1), payload);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var input = new CallerInput(Pcmu, true, static (_, _) => { }, static _ => { });
        input.Process(new RtpHeader(true, 101, 0, 99, 1), payload);
        input.Process(new RtpHeader(false, 13, 0, 99, 1), new byte[1]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The input, its RFC 4733 receiver and the comfort-noise payload above; a DTMF detector alone is over 2 KB.
        Assert.InRange(allocated, 1, 512);
    }

    [Fact]
    public void Listening_to_audio_and_events_allocates_nothing_per_packet()
    {
        var input = new CallerInput(Pcmu, true, static (_, _) => { }, static _ => { });
        var frames = new byte[50][];
        var speechLike = Dtmf('5', 1000);
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = new byte[160];
            EdgePbx.Media.Codecs.G711.Encode(AudioCodec.Pcmu, speechLike.AsSpan(i * 160, 160), frames[i]);
        }

        var eventPayload = new byte[4];
        new TelephoneEvent(3, false, 10, 160).Write(eventPayload);
        input.Process(new RtpHeader(false, 0, 0, 0, 1), frames[0]); // warm up (JIT, first digit)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 20; round++)
        {
            foreach (var frame in frames)
            {
                input.Process(new RtpHeader(false, 0, 0, 0, 1), frame);
            }
        }

        input.Process(new RtpHeader(true, 101, 0, 99, 1), eventPayload);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
