namespace EdgePbx.Routing.Model;

/// <summary>At most <see cref="MaxCalls"/> calls from one caller within <see cref="WindowMinutes"/>.</summary>
public sealed record FrequencyLimit(int MaxCalls, int WindowMinutes);
