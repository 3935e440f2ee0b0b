namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// Exact percentage picks from a call sequence number. Multiplying by 37 (coprime to 100) permutes the
/// 100 slots of every block of 100 calls, so each branch gets exactly its percent of every 100 calls
/// while consecutive calls still spread across branches instead of arriving in runs.
/// </summary>
public static class PercentSlot
{
    public static int For(long sequence) => (int)((ulong)sequence * 37UL % 100UL);

    /// <summary>Index of the branch whose cumulative percent range holds the call's slot.</summary>
    public static int Pick(ReadOnlySpan<int> percents, long sequence)
    {
        var slot = For(sequence);
        var cumulative = 0;
        for (var i = 0; i < percents.Length; i++)
        {
            cumulative += percents[i];
            if (slot < cumulative)
            {
                return i;
            }
        }

        return percents.Length - 1;
    }
}
