namespace EdgePbx.Sip.Messages;

/// <summary>
/// Checks, when a message enters, the headers every layer relies on (resiprocate's lesson: a lazy
/// parse failing later is caught by nobody) and records where their parts are.
/// </summary>
internal static class CoreHeaderValidator
{
    /// <param name="commonShapes">Try <see cref="CommonShapeSyntax"/> first (false only in tests that compare both ways).</param>
    public static SipParseError? Validate(ReadOnlySpan<byte> span, SipMessage m, int headersEnd, bool commonShapes = true)
    {
        bool via = false, callId = false, cseq = false, from = false, to = false, maxForwards = false, contentLength = false;
        for (var i = 0; i < m.HeaderCount; i++)
        {
            var e = m.GetEntry(i);
            var s = new SipScanner(span, e.Value.Start, e.Value.End);
            string? err = null;
            switch (e.Kind)
            {
                case HeaderKind.Via:
                    var top = default(ViaParts);
                    var plain = commonShapes && CommonShapeSyntax.TryVia(span, e.Value, out top);
                    err = plain ? null : HeaderSyntax.ViaList(ref s, out top);
                    if (err is null && !via)
                    {
                        m.TopViaParts = top;
                        m.TopViaIsPlain = plain;
                    }

                    via = true;
                    break;
                case HeaderKind.CallId:
                    err = Once(ref callId);
                    if (err is null)
                    {
                        err = ScalarHeaderSyntax.CallId(ref s, out var cid);
                        m.CallIdSegment = cid;
                    }

                    break;
                case HeaderKind.CSeq:
                    err = Once(ref cseq);
                    if (err is null)
                    {
                        err = ScalarHeaderSyntax.CSeq(ref s, out var number, out var method);
                        m.CSeqNumber = number;
                        m.CSeqMethodSegment = method;
                    }

                    break;
                case HeaderKind.From:
                    err = Once(ref from);
                    if (err is null)
                    {
                        NameAddrParts f;
                        err = commonShapes && CommonShapeSyntax.TryNameAddr(span, e.Value, out f) ? null : HeaderSyntax.SingleNameAddr(ref s, out f);
                        m.FromParts = f;
                    }

                    break;
                case HeaderKind.To:
                    err = Once(ref to);
                    if (err is null)
                    {
                        NameAddrParts t;
                        err = commonShapes && CommonShapeSyntax.TryNameAddr(span, e.Value, out t) ? null : HeaderSyntax.SingleNameAddr(ref s, out t);
                        m.ToParts = t;
                    }

                    break;
                case HeaderKind.MaxForwards:
                    // RFC 3261 20.22: Max-Forwards is 0-255.
                    err = Once(ref maxForwards);
                    if (err is null)
                    {
                        err = ScalarHeaderSyntax.Number(ref s, 255, out var mf);
                        m.MaxForwards = (int)mf;
                    }

                    break;
                case HeaderKind.ContentLength:
                    err = Once(ref contentLength);
                    if (err is null)
                    {
                        err = ScalarHeaderSyntax.Number(ref s, int.MaxValue, out var cl);
                        m.ContentLength = (int)cl;
                    }

                    break;
                case HeaderKind.Contact:
                    err = commonShapes && CommonShapeSyntax.TryContact(span, e.Value) ? null : HeaderSyntax.ContactList(ref s);
                    break;
                case HeaderKind.Date:
                    err = ScalarHeaderSyntax.Date(ref s);
                    break;
                default:
                    continue;
            }

            if (err is not null)
            {
                var pos = err.StartsWith("more than one", StringComparison.Ordinal) ? e.Name.Start : s.Position;
                return new SipParseError(400, $"{HeaderNames.Canonical(e.Kind)}: {err}", pos);
            }
        }

        var missing = !via ? "Via" : !callId ? "Call-ID" : !cseq ? "CSeq" : !from ? "From" : !to ? "To" : null;
        if (missing is not null)
        {
            return new SipParseError(400, $"missing {missing} header", headersEnd);
        }

        if (m.IsRequest)
        {
            var method = span.Slice(m.MethodSegment.Start, m.MethodSegment.Length);
            if (!method.SequenceEqual(span.Slice(m.CSeqMethodSegment.Start, m.CSeqMethodSegment.Length)))
            {
                return new SipParseError(400, "CSeq method does not match the Request-Line", m.CSeqMethodSegment.Start);
            }
        }

        return null;
    }

    private static string? Once(ref bool seen)
    {
        if (seen)
        {
            return "more than one value for a single-valued header";
        }

        seen = true;
        return null;
    }
}
