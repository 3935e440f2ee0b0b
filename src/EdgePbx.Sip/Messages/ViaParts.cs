namespace EdgePbx.Sip.Messages;

/// <summary>Where the pieces of one via-parm are (RFC 3261 20.42).</summary>
internal readonly record struct ViaParts(
    Segment Protocol,
    Segment Version,
    Segment Transport,
    Segment Host,
    int Port,
    Segment Parameters,
    Segment Branch,
    Segment Received,
    bool HasRPort,
    Segment RPort);
