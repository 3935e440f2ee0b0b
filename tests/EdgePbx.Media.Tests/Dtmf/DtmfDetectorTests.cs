using EdgePbx.Media.Dtmf;

namespace EdgePbx.Media.Tests.Dtmf;

public sealed class DtmfDetectorTests
{
    private const string AllKeys = "123A456B789C*0#D";

    public static TheoryData<char> Keys() => [.. AllKeys];

    private static (double Row, double Column) Frequencies(char key)
    {
        double[] rows = [697, 770, 852, 941];
        double[] columns = [1209, 1336, 1477, 1633];
        var index = AllKeys.IndexOf(key, StringComparison.Ordinal);
        return (rows[index / 4], columns[index % 4]);
    }

    private static string Detect(short[] pcm)
    {
        var detector = new DtmfDetector();
        var digits = new char[64];
        var result = new System.Text.StringBuilder();

        // Feed in 20 ms frames, as the media clock does.
        for (var i = 0; i < pcm.Length; i += 160)
        {
            var count = detector.Process(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)), digits);
            result.Append(digits, 0, count);
        }

        return result.ToString();
    }

    private static string DetectKey(char key, double rowOffset = 0, double columnOffset = 0, double rowDbm0 = -10, double columnDbm0 = -10, double ms = 40)
    {
        var (row, column) = Frequencies(key);
        var signal = new Signals().Silence(30).Tone(ms, (row * (1 + rowOffset), rowDbm0), (column * (1 + columnOffset), columnDbm0)).Silence(60);
        return Detect(signal.ToPcm());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_key_at_nominal_frequencies_for_40_ms_is_detected_once(char key)
    {
        Assert.Equal(key.ToString(), DetectKey(key));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Q24_tones_off_nominal_by_1_5_percent_in_either_direction_are_detected(char key)
    {
        Assert.Equal(key.ToString(), DetectKey(key, 0.015, 0.015, ms: 60));
        Assert.Equal(key.ToString(), DetectKey(key, -0.015, -0.015, ms: 60));
        Assert.Equal(key.ToString(), DetectKey(key, 0.015, -0.015, ms: 60));
        Assert.Equal(key.ToString(), DetectKey(key, -0.015, 0.015, ms: 60));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Q24_tones_off_nominal_by_3_5_percent_are_rejected(char key)
    {
        Assert.Equal("", DetectKey(key, 0.035, 0, ms: 100));
        Assert.Equal("", DetectKey(key, -0.035, 0, ms: 100));
        Assert.Equal("", DetectKey(key, 0, 0.035, ms: 100));
        Assert.Equal("", DetectKey(key, 0, -0.035, ms: 100));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Q24_normal_twist_of_8_db_and_reverse_twist_of_4_db_are_accepted(char key)
    {
        Assert.Equal(key.ToString(), DetectKey(key, rowDbm0: -16, columnDbm0: -8));
        Assert.Equal(key.ToString(), DetectKey(key, rowDbm0: -8, columnDbm0: -12));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Twist_well_beyond_the_limits_is_rejected(char key)
    {
        Assert.Equal("", DetectKey(key, rowDbm0: -19, columnDbm0: -8, ms: 100));
        Assert.Equal("", DetectKey(key, rowDbm0: -8, columnDbm0: -15, ms: 100));
    }

    [Fact]
    public void Q24_sixteen_keys_of_40_ms_with_40_ms_pauses_are_each_detected_once_in_order()
    {
        var signal = new Signals().Silence(17);
        foreach (var key in AllKeys)
        {
            var (row, column) = Frequencies(key);
            signal.Tone(40, (row, -10), (column, -10)).Silence(40);
        }

        Assert.Equal(AllKeys, Detect(signal.ToPcm()));
    }

    [Fact]
    public void The_same_key_twice_with_a_40_ms_pause_is_two_digits()
    {
        var signal = new Signals().Silence(7).Tone(40, (852, -10), (1477, -10)).Silence(40).Tone(40, (852, -10), (1477, -10)).Silence(40);

        Assert.Equal("99", Detect(signal.ToPcm()));
    }

    [Fact]
    public void Q24_keys_at_15_db_snr_in_white_noise_are_detected_without_extra_digits()
    {
        var signal = new Signals().Silence(20);
        foreach (var key in AllKeys)
        {
            var (row, column) = Frequencies(key);
            signal.Tone(50, (row, -10), (column, -10)).Silence(50);
        }

        // Two tones at -10 dBm0 each: mean power 2 * A²/2.
        var tonePower = Math.Pow(Signals.Amplitude(-10), 2);
        Assert.Equal(AllKeys, Detect(signal.NoiseAtSnr(15, tonePower).ToPcm()));
    }

    [Fact]
    public void A_single_tone_is_not_a_digit()
    {
        Assert.Equal("", Detect(new Signals().Tone(200, (697, -5)).ToPcm()));
        Assert.Equal("", Detect(new Signals().Tone(200, (1336, -5)).ToPcm()));
    }

    [Fact]
    public void Very_quiet_keys_below_minus_36_dbm0_are_ignored()
    {
        Assert.Equal("", DetectKey('5', rowDbm0: -45, columnDbm0: -45, ms: 100));
    }

    [Fact]
    public void Detecting_a_frame_allocates_nothing()
    {
        var detector = new DtmfDetector();
        var pcm = new Signals().Tone(1000, (770, -10), (1336, -10)).ToPcm();
        Span<char> digits = stackalloc char[4];
        detector.Process(pcm.AsSpan(0, 160), digits);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 160; i < pcm.Length; i += 160)
        {
            detector.Process(pcm.AsSpan(i, 160), digits);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
