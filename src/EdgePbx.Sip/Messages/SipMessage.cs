using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// A parsed SIP message: the raw bytes plus an index of header positions. The start line and the
/// core headers (Via, Call-ID, CSeq, From, To, Max-Forwards, Content-Length, Contact, Date) were
/// validated when the message entered, so the typed accessors here never fail; they make strings
/// and objects only on first use and cache them.
/// </summary>
public sealed class SipMessage
{
    private HeaderEntryBuffer _inline;
    private List<HeaderEntry>? _overflow;
    private string? _method, _callId, _reason;
    private SipUri? _requestUri;
    private NameAddress? _from, _to;
    private IReadOnlyList<ViaHeader>? _vias;
    private IReadOnlyList<NameAddress>? _contacts;

    internal SipMessage(ReadOnlyMemory<byte> raw)
    {
        Raw = raw;
    }

    /// <summary>The message bytes as received (trailing bytes beyond Content-Length excluded).</summary>
    public ReadOnlyMemory<byte> Raw { get; internal set; }

    public bool IsRequest { get; internal set; }

    public int StatusCode { get; internal set; }

    public int HeaderCount { get; private set; }

    internal Segment MethodSegment { get; set; }

    internal Segment RequestUriSegment { get; set; }

    internal Segment ReasonSegment { get; set; }

    internal UriParts RequestUriParts { get; set; }

    internal Segment CallIdSegment { get; set; }

    internal Segment CSeqMethodSegment { get; set; }

    internal NameAddrParts FromParts { get; set; }

    internal NameAddrParts ToParts { get; set; }

    internal ViaParts TopViaParts { get; set; }

    /// <summary>
    /// The top Via header held one via-parm of the common shape (<see cref="CommonShapeSyntax.TryVia"/>): "SIP/2.0/"
    /// transport, spaces, a name or IPv4 host, an optional port and ;token[=token] parameters with nothing else in
    /// between (no whitespace, comments, quoting or IPv6 brackets), so its bytes can be echoed piece by piece.
    /// </summary>
    internal bool TopViaIsPlain { get; set; }

    internal Segment BodySegment { get; set; }

    /// <summary>Request method, or for a response the method of its CSeq.</summary>
    public string Method => _method ??= Text(IsRequest ? MethodSegment : CSeqMethodSegment);

    /// <summary>True when the method (or CSeq method of a response) equals <paramref name="method"/> byte for byte.</summary>
    public bool IsMethod(ReadOnlySpan<byte> method) => Span(IsRequest ? MethodSegment : CSeqMethodSegment).SequenceEqual(method);

    /// <summary>The Request-URI text; empty for responses.</summary>
    public string RequestTarget => IsRequest ? Text(RequestUriSegment) : string.Empty;

    public SipUri RequestUri => _requestUri ??= IsRequest
        ? SipUri.Create(Raw.Span, RequestUriSegment, RequestUriParts)
        : throw new InvalidOperationException("A response has no Request-URI.");

    public string ReasonPhrase => _reason ??= Text(ReasonSegment);

    public string CallId => _callId ??= Text(CallIdSegment);

    public long CSeqNumber { get; internal set; }

    public CSeqHeader CSeq => new(CSeqNumber, Method);

    public NameAddress From => _from ??= NameAddress.Create(Raw.Span, FromParts);

    public NameAddress To => _to ??= NameAddress.Create(Raw.Span, ToParts);

    public string? FromTag => FromParts.Tag.IsEmpty ? null : Text(FromParts.Tag);

    public string? ToTag => ToParts.Tag.IsEmpty ? null : Text(ToParts.Tag);

    /// <summary>Top Via's branch (RFC 3261 17.2.3 transaction key); null when absent.</summary>
    public string? TopBranch => TopViaParts.Branch.IsEmpty ? null : Text(TopViaParts.Branch);

    public ViaHeader TopVia => Vias[0];

    /// <summary>
    /// The top Via's sent-by (host, and ":port" when given) in lower case, as RFC 3261 17.2.3 matches it: read from the
    /// top Via the validator indexed, without parsing every Via into objects (a transaction key needs only this).
    /// </summary>
    public string TopSentBy
    {
        get
        {
            var top = TopViaParts;
            if (top.Host.IsEmpty)
            {
                return TopVia.SentBy.ToLowerInvariant();
            }

            return ViaHeader.FormatSentBy(Text(top.Host), top.Port < 0 ? null : top.Port).ToLowerInvariant();
        }
    }

    public IReadOnlyList<ViaHeader> Vias => _vias ??= ParseVias();

    /// <summary>Null when the message has no Max-Forwards (RFC 2543 peers).</summary>
    public int? MaxForwards { get; internal set; }

    /// <summary>Null when absent (allowed over UDP: the body is the rest of the datagram).</summary>
    public int? ContentLength { get; internal set; }

    public ReadOnlyMemory<byte> Body => Raw.Slice(BodySegment.Start, BodySegment.Length);

    public string? ContentType => GetHeader(HeaderKind.ContentType);

    public bool IsWildcardContact => GetHeader(HeaderKind.Contact)?.Trim() == "*";

    /// <summary>All Contact values (validated on entry); empty for "*".</summary>
    public IReadOnlyList<NameAddress> Contacts => _contacts ??= IsWildcardContact ? [] : ParseAddressList(HeaderKind.Contact) ?? [];

    public HeaderEntry GetEntry(int index) => index < HeaderEntryBuffer.Capacity ? _inline[index] : _overflow![index - HeaderEntryBuffer.Capacity];

    public string GetName(HeaderEntry entry) => Text(entry.Name);

    public string GetValue(HeaderEntry entry) => Text(entry.Value);

    /// <summary>The value of the first header of this kind, unfolded; null if absent.</summary>
    public string? GetHeader(HeaderKind kind)
    {
        for (var i = 0; i < HeaderCount; i++)
        {
            var e = GetEntry(i);
            if (e.Kind == kind)
            {
                return Text(e.Value);
            }
        }

        return null;
    }

    /// <summary>First header with this name (case-insensitive; known compact forms match their long names).</summary>
    public string? GetHeader(string name)
    {
        var values = GetHeaderValues(name);
        return values.Count > 0 ? values[0] : null;
    }

    /// <summary>Every header line with this name, in order (comma-separated values are not split).</summary>
    public IReadOnlyList<string> GetHeaderValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = HeaderNames.Classify(name);
        var nameBytes = kind == HeaderKind.Other ? Encoding.UTF8.GetBytes(name) : [];
        var list = new List<string>();
        for (var i = 0; i < HeaderCount; i++)
        {
            var e = GetEntry(i);
            if (kind != HeaderKind.Other ? e.Kind == kind : Ascii.EqualsIgnoreCase(Span(e.Name), nameBytes))
            {
                list.Add(Text(e.Value));
            }
        }

        return list;
    }

    public IReadOnlyList<string> GetHeaderValues(HeaderKind kind) => GetHeaderValues(HeaderNames.Canonical(kind));

    /// <summary>
    /// Parses every name-addr of a header kind (Route, Record-Route, Contact...). Returns null and an
    /// error when a value does not parse (only the core headers were validated on entry).
    /// </summary>
    public IReadOnlyList<NameAddress>? ParseAddressList(HeaderKind kind, out string? error)
    {
        error = null;
        var list = new List<NameAddress>();
        var span = Raw.Span;
        for (var i = 0; i < HeaderCount; i++)
        {
            var e = GetEntry(i);
            if (e.Kind != kind)
            {
                continue;
            }

            var s = new SipScanner(span, e.Value.Start, e.Value.End);
            while (true)
            {
                error = HeaderSyntax.NameAddr(ref s, out var parts);
                if (error is not null)
                {
                    error = $"{HeaderNames.Canonical(kind)}: {error} at byte {s.Position}";
                    return null;
                }

                list.Add(NameAddress.Create(span, parts));
                if (s.AtEnd)
                {
                    break;
                }

                if (!s.TryByte((byte)','))
                {
                    error = $"{HeaderNames.Canonical(kind)}: unexpected character at byte {s.Position}";
                    return null;
                }
            }
        }

        return list;
    }

    private IReadOnlyList<NameAddress>? ParseAddressList(HeaderKind kind) => ParseAddressList(kind, out _);

    /// <summary>
    /// Lets go of the parsed Request-URI, From, To, Via and Contact objects; they are parsed again from the bytes if
    /// asked for. A finished transaction keeps its request up to 32 s for its last timer (RFC 3261 17, RFC 6026)
    /// and needs none of them, while they were most of what the message kept alive. Safe beside readers: each
    /// cache is one reference, so a reader sees either the old object or parses an equal one.
    /// </summary>
    internal void ReleaseParsed()
    {
        _requestUri = null;
        _from = null;
        _to = null;
        _vias = null;
        _contacts = null;
    }

    internal void AddHeader(HeaderEntry entry)
    {
        if (HeaderCount < HeaderEntryBuffer.Capacity)
        {
            _inline[HeaderCount] = entry;
        }
        else
        {
            (_overflow ??= []).Add(entry);
        }

        HeaderCount++;
    }

    private List<ViaHeader> ParseVias()
    {
        var list = new List<ViaHeader>();
        var span = Raw.Span;
        for (var i = 0; i < HeaderCount; i++)
        {
            var e = GetEntry(i);
            if (e.Kind != HeaderKind.Via)
            {
                continue;
            }

            var s = new SipScanner(span, e.Value.Start, e.Value.End);
            do
            {
                HeaderSyntax.Via(ref s, out var parts);
                list.Add(ViaHeader.Create(span, parts));
            }
            while (s.TryByte((byte)','));
        }

        return list;
    }

    private ReadOnlySpan<byte> Span(Segment s) => Raw.Span.Slice(s.Start, s.Length);

    private string Text(Segment s) => SipScanner.Decode(Raw.Span, s);

    public override string ToString() => Encoding.UTF8.GetString(Raw.Span);
}
