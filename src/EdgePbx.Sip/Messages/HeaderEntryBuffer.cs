using System.Runtime.CompilerServices;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Room for the header index of a typical message inside the message object itself, so parsing allocates once.
/// 16: a phone's or carrier's INVITE and its responses carry 8–15 headers; further ones spill into a list. Each
/// entry is 20 bytes and finished transactions keep their messages 32 s, so room for 24 cost 160 bytes a message.
/// </summary>
[InlineArray(Capacity)]
internal struct HeaderEntryBuffer
{
    public const int Capacity = 16;

    private HeaderEntry _first;
}
