using System.Runtime.CompilerServices;

namespace EdgePbx.Media.Tones;

/// <summary>
/// The <see cref="TonePattern"/> of each tone spec in use, made on first use and shared by every call that plays
/// it (ringback, dial tone, hold tone...). Keyed by the spec instance, not its value (a spec's lists compare
/// by reference anyway), and weakly: a pattern goes when its spec does, so specs made for one prompt do not pile
/// up. Safe from any thread.
/// </summary>
public sealed class TonePatterns
{
    private readonly ConditionalWeakTable<ToneSpec, TonePattern> _patterns = [];

    public TonePattern For(ToneSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _patterns.GetValue(spec, static s => TonePattern.Of(s));
    }

    /// <summary>A generator of its own (where this call is in the tone) over the shared pattern.</summary>
    public ToneGenerator Generator(ToneSpec spec) => new(For(spec));
}
