namespace EdgePbx.Switchboard.Plans;

/// <summary>
/// The plan new calls take. Swapped as a whole (cloud apply, web edit, roll-back); a running call
/// keeps the snapshot it started with, so a swap never changes a call in flight. Readers never block.
/// </summary>
public sealed class ActivePlan
{
    private PlanSnapshot? current;

    /// <summary>Raised after every swap, on the thread that swapped. Handlers must not block.</summary>
    public event Action<PlanSnapshot>? Changed;

    /// <summary>The plan in force, or null before the first plan is loaded (calls are then refused).</summary>
    public PlanSnapshot? Current => Volatile.Read(ref current);

    public void Swap(PlanSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref current, snapshot);
        Changed?.Invoke(snapshot);
    }
}
