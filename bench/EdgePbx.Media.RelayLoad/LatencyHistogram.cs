namespace EdgePbx.Media.RelayLoad;

/// <summary>Counts of latencies in 10 µs buckets up to 1 s (the last bucket holds everything slower).</summary>
internal sealed class LatencyHistogram
{
    private const double BucketMicroseconds = 10;
    private readonly long[] _buckets = new long[100_001];
    private long _maxTicks;

    public void Add(long stopwatchTicks)
    {
        var us = stopwatchTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
        var index = (int)Math.Min(_buckets.Length - 1, Math.Max(0, us / BucketMicroseconds));
        Interlocked.Increment(ref _buckets[index]);
        long seen;
        while (stopwatchTicks > (seen = Volatile.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, stopwatchTicks, seen) != seen)
        {
        }
    }

    public long Count => _buckets.Sum();

    public double MaxMicroseconds => _maxTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Upper edge of the bucket holding the given quantile, in µs.</summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var target = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= target)
            {
                return (i + 1) * BucketMicroseconds;
            }
        }

        return double.PositiveInfinity;
    }
}
