namespace EdgePbx.Sip.Messages;

/// <summary>Where the pieces of a URI are, as found by <see cref="UriSyntax"/>.</summary>
internal readonly record struct UriParts(
    Segment Scheme,
    Segment User,
    Segment Password,
    Segment Host,
    int Port,
    Segment Parameters,
    Segment Headers,
    Segment Opaque,
    bool IsSip);
