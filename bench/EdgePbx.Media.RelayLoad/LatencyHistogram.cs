namespace EdgePbx.Media.RelayLoad;

/// <summary>Counts of latencies in 10 µs buckets up to 1 s (the last bucket holds everything slower).</summary>
internal sealed class LatencyHistogram
{
    private const double BucketMicroseconds = 10;
    private readonly long[] _buckets = new long[100_001];
    private long _maxNanoseconds;

    public void Add(long nanoseconds)
    {
        var us = nanoseconds / 1_000.0;
        var index = (int)Math.Min(_buckets.Length - 1, Math.Max(0, us / BucketMicroseconds));
        Interlocked.Increment(ref _buckets[index]);
        long seen;
        while (nanoseconds > (seen = Volatile.Read(ref _maxNanoseconds)) && Interlocked.CompareExchange(ref _maxNanoseconds, nanoseconds, seen) != seen)
        {
        }
    }

    public long Count => _buckets.Sum();

    public double MaxMicroseconds => _maxNanoseconds / 1_000.0;

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
