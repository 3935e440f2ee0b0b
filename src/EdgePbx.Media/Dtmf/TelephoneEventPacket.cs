namespace EdgePbx.Media.Dtmf;

/// <summary>One RTP packet the sender wants on the wire: marker, timestamp (the event start) and payload.</summary>
public readonly record struct TelephoneEventPacket(bool Marker, uint Timestamp, TelephoneEvent Event);
