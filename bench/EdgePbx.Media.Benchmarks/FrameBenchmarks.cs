using BenchmarkDotNet.Attributes;
using EdgePbx.Media.Codecs;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Fax;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Benchmarks;

/// <summary>Cost of the per-20 ms-frame work the media clock does for one call leg.</summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly short[] _quiet = new short[160];
    private readonly byte[] _mu = new byte[160];
    private readonly byte[] _a = new byte[160];
    private readonly byte[] _packet = new byte[200];
    private readonly char[] _digits = new char[4];
    private DtmfDetector _dtmf = null!;
    private DtmfDetector _dtmfQuiet = null!;
    private FaxToneDetector _fax = null!;
    private RtpSourceStatistics _stats = null!;
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)((5000 * Math.Sin(2 * Math.PI * 770 * i / 8000)) + (5000 * Math.Sin(2 * Math.PI * 1336 * i / 8000)));
        }

        G711.Encode(AudioCodec.Pcmu, _pcm, _mu);
        RtpPacket.Write(_packet, new RtpHeader(false, 0, 1, 160, 42), _mu);
        _dtmf = new DtmfDetector();
        _dtmfQuiet = new DtmfDetector();
        for (var i = 0; i < _quiet.Length; i++)
        {
            _quiet[i] = (short)((i * 7919 % 61) - 30);
        }
        _fax = new FaxToneDetector();
        _stats = new RtpSourceStatistics();
    }

    /// <summary>A held key: the worst case, every hop runs the whole Goertzel bank.</summary>
    [Benchmark]
    public int DtmfDetectorPerFrame() => _dtmf.Process(_pcm, _digits);

    /// <summary>Line noise under -36 dBm0 (most of a call): the bank is skipped.</summary>
    [Benchmark]
    public int DtmfDetectorPerQuietFrame() => _dtmfQuiet.Process(_quiet, _digits);

    [Benchmark]
    public FaxTone FaxDetectorPerFrame() => _fax.Process(_pcm);

    [Benchmark]
    public void TranscodePcmuToPcmaPerFrame() => G711.Transcode(AudioCodec.Pcmu, AudioCodec.Pcma, _mu, _a);

    [Benchmark]
    public void DecodePcmuPerFrame() => G711.Decode(AudioCodec.Pcmu, _mu, _pcm);

    [Benchmark]
    public bool RtpParseAndStatisticsPerPacket()
    {
        if (!RtpPacket.TryParse(_packet, out var header, out _, out _))
        {
            return false;
        }

        _stats.UpdateJitter(header.Timestamp, header.Timestamp);
        return _stats.UpdateSequence(_sequence++);
    }
}
