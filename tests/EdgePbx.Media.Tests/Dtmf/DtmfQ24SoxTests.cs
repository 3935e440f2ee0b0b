using System.Globalization;
using EdgePbx.Media.Dtmf;

namespace EdgePbx.Media.Tests.Dtmf;

/// <summary>
/// Each ITU-T Q.24 number of the detector checked on tones that sox made (not our own signal builder):
/// ±1.5 % detected, ±3.5 % rejected, twist 8 dB normal / 4 dB reverse, 40 ms tones with 40 ms pauses,
/// 15 dB SNR in sox white noise. Levels are given to sox as fractions of full scale per tone (remix).
/// </summary>
public sealed class DtmfQ24SoxTests
{
    private const string AllKeys = "123A456B789C*0#D";
    private static readonly double[] Rows = [697, 770, 852, 941];
    private static readonly double[] Columns = [1209, 1336, 1477, 1633];

    public static TheoryData<char> Keys() => [.. AllKeys];

    private static (double Row, double Column) Frequencies(char key)
    {
        var index = AllKeys.IndexOf(key, StringComparison.Ordinal);
        return (Rows[index / 4], Columns[index % 4]);
    }

    /// <summary>Amplitude of a sine at this level as a fraction of 16-bit full scale (0 dBm0 ≈ 22,706).</summary>
    private static double FullScale(double dbm0) => Signals.Amplitude(dbm0) / 32768;

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static short[] SoxKey(char key, double rowOffset = 0, double columnOffset = 0, double rowDbm0 = -10, double columnDbm0 = -10, double ms = 40, double beforeMs = 30, double afterMs = 60)
    {
        var (row, column) = Frequencies(key);
        return ToolAudio.Sox(
            $"synth {F(ms / 1000)} sine {F(row * (1 + rowOffset))} sine {F(column * (1 + columnOffset))} " +
            $"remix 1v{F(FullScale(rowDbm0))},2v{F(FullScale(columnDbm0))} pad {F(beforeMs / 1000)} {F(afterMs / 1000)}");
    }

    private static string Detect(short[] pcm)
    {
        var detector = new DtmfDetector();
        var digits = new char[64];
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < pcm.Length; i += 160)
        {
            result.Append(digits, 0, detector.Process(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)), digits));
        }

        return result.ToString();
    }

    private static double MeanPower(ReadOnlySpan<short> pcm)
    {
        double sum = 0;
        foreach (var x in pcm)
        {
            sum += (double)x * x;
        }

        return sum / pcm.Length;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Sox_tones_off_nominal_by_1_5_percent_in_either_direction_are_detected(char key)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        foreach (var (r, c) in new[] { (0.015, 0.015), (-0.015, -0.015), (0.015, -0.015), (-0.015, 0.015) })
        {
            Assert.True(Detect(SoxKey(key, r, c, ms: 60)) == key.ToString(), $"{key} with row {r:P1}, column {c:P1} was not detected");
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Sox_tones_off_nominal_by_3_5_percent_are_rejected(char key)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        foreach (var (r, c) in new[] { (0.035, 0.0), (-0.035, 0.0), (0.0, 0.035), (0.0, -0.035) })
        {
            var detected = Detect(SoxKey(key, r, c, ms: 100));
            Assert.True(detected.Length == 0, $"{key} with row {r:P1}, column {c:P1} gave '{detected}'");
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Sox_normal_twist_of_8_db_and_reverse_twist_of_4_db_are_detected(char key)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        // Normal twist: the high (column) tone 8 dB above the low one; reverse: the low tone 4 dB above.
        Assert.Equal(key.ToString(), Detect(SoxKey(key, rowDbm0: -16, columnDbm0: -8)));
        Assert.Equal(key.ToString(), Detect(SoxKey(key, rowDbm0: -8, columnDbm0: -12)));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Sox_twist_beyond_the_limits_is_rejected(char key)
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        Assert.Equal("", Detect(SoxKey(key, rowDbm0: -19, columnDbm0: -8, ms: 100)));
        Assert.Equal("", Detect(SoxKey(key, rowDbm0: -8, columnDbm0: -15, ms: 100)));
    }

    [Fact]
    public void Sox_sixteen_keys_of_40_ms_with_40_ms_pauses_are_each_detected_once_in_order()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        // 17 ms of lead-in so that tone edges do not line up with the detector's 10 ms hops.
        var pcm = ToolAudio.Sox("synth 0.017 sine 0 vol 0")
            .Concat(AllKeys.SelectMany(key => SoxKey(key, beforeMs: 0, afterMs: 40)))
            .ToArray();

        Assert.Equal(AllKeys, Detect(pcm));
    }

    [Fact]
    public void Sox_keys_of_40_ms_at_15_db_snr_in_sox_white_noise_are_detected_without_extra_digits()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        var tones = AllKeys.Select(key => SoxKey(key, beforeMs: 0, afterMs: 0)).ToArray();
        var tonePower = tones.Average(t => MeanPower(t));
        var lead = ToolAudio.Sox("synth 0.013 sine 0 vol 0");
        var pause = ToolAudio.Sox("synth 0.04 sine 0 vol 0");
        var clean = lead.Concat(tones.SelectMany(t => t.Concat(pause))).ToArray();

        // White noise from sox, scaled by sox so that its power is 15 dB under the tones' (measured at vol 0.5:
        // unscaled sox noise is limited at full scale, so its power does not follow vol linearly from 1).
        var seconds = F(clean.Length / 8000.0);
        var half = MeanPower(ToolAudio.Sox($"synth {seconds} whitenoise vol 0.5"));
        var noise = ToolAudio.Sox($"synth {seconds} whitenoise vol {F(0.5 * Math.Sqrt(tonePower / Math.Pow(10, 1.5) / half))}");
        var snr = 10 * Math.Log10(tonePower / MeanPower(noise));
        Assert.InRange(snr, 14.5, 15.2);

        var noisy = new short[clean.Length];
        for (var i = 0; i < noisy.Length; i++)
        {
            noisy[i] = (short)Math.Clamp(clean[i] + (i < noise.Length ? noise[i] : 0), short.MinValue, short.MaxValue);
        }

        Assert.Equal(AllKeys, Detect(noisy));
    }

    [Fact]
    public void Sox_key_of_20_ms_is_too_short_to_be_a_digit()
    {
        if (!ExternalTool.Available("sox"))
        {
            return;
        }

        foreach (var key in AllKeys)
        {
            Assert.Equal("", Detect(SoxKey(key, ms: 20)));
        }
    }
}
