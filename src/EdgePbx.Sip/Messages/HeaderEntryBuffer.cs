using System.Runtime.CompilerServices;

namespace EdgePbx.Sip.Messages;

/// <summary>Room for the header index of a typical message inside the message object itself, so parsing allocates once.</summary>
[InlineArray(Capacity)]
internal struct HeaderEntryBuffer
{
    public const int Capacity = 24;

    private HeaderEntry _first;
}
