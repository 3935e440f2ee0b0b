using EdgePbx.Media.Dtmf;

namespace EdgePbx.Media.Fax;

/// <summary>
/// Detects CNG and CED on one direction of a call. Each 20 ms window is checked for a single tone that
/// holds most of the window's energy at 1100 Hz (±2 %) or 2100 Hz (±1 %); CNG is reported after 380 ms of it,
/// inside the first 0.5 s burst (T.30 allows 425-575 ms), and CED after 500 ms, allowing one odd window for
/// the phase reversals of ANS/ANSam. Each tone is reported once; speech never holds one pure tone that long.
/// </summary>
public sealed class FaxToneDetector
{
    private const int Window = 160;
    private const int CngWindows = 19;
    private const int CedWindows = 25;

    // About -43 dBm0 as mean power: quieter than that is line noise, not a fax machine.
    private const double MinPower = 160.0 * 160.0 / 2;
    private const double MinShare = 0.7;

    // Bins 0-2: CNG at 1100 Hz ±2 %; 3-5: CED at 2100 Hz ±1 %; run together as one SIMD Goertzel bank.
    // Shared by every detector (only read), not made per call.
    private static readonly GoertzelBank Bank = new([1100, 1078, 1122, 2100, 2079, 2121], 8000);
    private readonly float[] _real;
    private readonly float[] _imaginary;
    private readonly float[] _window = new float[Window];
    private int _filled;
    private int _cngRun;
    private int _cedRun;
    private int _cedMisses;
    private bool _cngReported;
    private bool _cedReported;

    public FaxToneDetector()
    {
        _real = new float[Bank.Padded];
        _imaginary = new float[Bank.Padded];
    }

    /// <summary>Feeds samples; returns the fax tone first recognised within them, if any.</summary>
    public FaxTone Process(ReadOnlySpan<short> samples)
    {
        var result = FaxTone.None;
        foreach (var sample in samples)
        {
            _window[_filled++] = sample;
            if (_filled < Window)
            {
                continue;
            }

            _filled = 0;
            var tone = Classify(_window);
            if (tone != FaxTone.None && result == FaxTone.None)
            {
                result = tone;
            }
        }

        return result;
    }

    private FaxTone Classify(ReadOnlySpan<float> window)
    {
        double energy = 0;
        foreach (var x in window)
        {
            energy += x * x;
        }

        energy /= window.Length;
        var loud = energy >= MinPower;
        if (loud)
        {
            Bank.Run(window, _real, _imaginary);
        }

        var cng = loud && Peak(0) >= MinShare * energy;
        var ced = loud && !cng && Peak(3) >= MinShare * energy;

        _cngRun = cng ? _cngRun + 1 : 0;
        if (ced)
        {
            _cedRun++;
            _cedMisses = 0;
        }
        else if (_cedRun > 0 && ++_cedMisses > 1)
        {
            _cedRun = 0;
            _cedMisses = 0;
        }

        if (!_cngReported && _cngRun >= CngWindows)
        {
            _cngReported = true;
            return FaxTone.Cng;
        }

        if (!_cedReported && _cedRun >= CedWindows)
        {
            _cedReported = true;
            return FaxTone.Ced;
        }

        return FaxTone.None;
    }

    private double Peak(int first)
    {
        double peak = 0;
        for (var b = first; b < first + 3; b++)
        {
            peak = Math.Max(peak, GoertzelBank.Power(_real[b], _imaginary[b], Window));
        }

        return peak;
    }
}
