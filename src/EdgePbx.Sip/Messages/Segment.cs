namespace EdgePbx.Sip.Messages;

/// <summary>A run of bytes inside a message buffer, by absolute offset.</summary>
public readonly record struct Segment(int Start, int Length)
{
    public static Segment Empty => default;

    public int End => Start + Length;

    public bool IsEmpty => Length == 0;
}
