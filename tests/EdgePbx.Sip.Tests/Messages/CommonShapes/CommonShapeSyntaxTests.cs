using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages.CommonShapes;

/// <summary>
/// The fast path accepts only what the full grammar accepts, with the same parts: checked on common
/// values (which it must take), generated values, every one-byte mutation of them, and the header
/// values of the RFC 4475 messages.
/// </summary>
public sealed class CommonShapeSyntaxTests
{
    [Fact]
    public void Common_uris_take_the_fast_path_with_the_full_grammars_parts()
    {
        foreach (var uri in CommonShapeValues.Uris)
        {
            Assert.True(AgreesOnUri(Encoding.ASCII.GetBytes(uri)), uri);
        }
    }

    [Fact]
    public void Common_vias_take_the_fast_path_with_the_full_grammars_parts()
    {
        foreach (var via in CommonShapeValues.Vias)
        {
            Assert.True(AgreesOnVia(Encoding.ASCII.GetBytes(via)), via);
        }
    }

    [Fact]
    public void Common_name_addrs_take_the_fast_path_with_the_full_grammars_parts()
    {
        foreach (var value in CommonShapeValues.NameAddrs)
        {
            Assert.True(AgreesOnNameAddr(Encoding.ASCII.GetBytes(value)), value);
        }
    }

    [Fact]
    public void Generated_and_mutated_uris_accepted_fast_are_accepted_alike_by_the_full_grammar()
    {
        var fast = CheckAll(CommonShapeValues.Uris.Concat(CommonShapeValues.GeneratedUris(2000)), AgreesOnUri);
        Assert.True(fast > 1000, $"only {fast} values took the fast path");
    }

    [Fact]
    public void Generated_and_mutated_vias_accepted_fast_are_accepted_alike_by_the_full_grammar()
    {
        var fast = CheckAll(CommonShapeValues.Vias.Concat(CommonShapeValues.GeneratedVias(2000)), AgreesOnVia);
        Assert.True(fast > 1000, $"only {fast} values took the fast path");
    }

    [Fact]
    public void Generated_and_mutated_name_addrs_accepted_fast_are_accepted_alike_by_the_full_grammar()
    {
        var fast = CheckAll(CommonShapeValues.NameAddrs.Concat(CommonShapeValues.GeneratedNameAddrs(2000)), AgreesOnNameAddr);
        Assert.True(fast > 1000, $"only {fast} values took the fast path");
    }

    [Fact]
    public void Torture_message_header_values_accepted_fast_are_accepted_alike_by_the_full_grammar()
    {
        var vias = CommonShapeValues.TortureHeaderValues("Via", "v").ToList();
        var addresses = CommonShapeValues.TortureHeaderValues("From", "f", "To", "t", "Contact", "m").ToList();
        Assert.True(vias.Count > 49 && addresses.Count > 100);
        var fast = vias.Count(AgreesOnVia) + addresses.Count(AgreesOnNameAddr);
        Assert.True(fast > 0);
    }

    /// <summary>Each value and each of its mutations must agree; returns how many took the fast path.</summary>
    private static int CheckAll(IEnumerable<string> values, Func<byte[], bool> agrees)
    {
        var fast = 0;
        foreach (var value in values)
        {
            fast += agrees(Encoding.ASCII.GetBytes(value)) ? 1 : 0;
            foreach (var mutated in CommonShapeValues.Mutations(value))
            {
                fast += agrees(mutated) ? 1 : 0;
            }
        }

        return fast;
    }

    /// <summary>True when the fast path took the value; then the full grammar must have accepted it alike (else the assertion fails).</summary>
    private static bool AgreesOnUri(byte[] b)
    {
        var all = new Segment(0, b.Length);
        if (!CommonShapeSyntax.TryUri(b, all, parametersAllowed: true, out var fast))
        {
            return false;
        }

        Assert.True(UriSyntax.Scan(b, all, UriSyntax.Context.RequestLine, out var requestLine) is null, Show(b));
        Assert.True(UriSyntax.Scan(b, all, UriSyntax.Context.Bracketed, out var bracketed) is null, Show(b));
        Assert.Equal(requestLine, fast);
        Assert.Equal(bracketed, fast);
        if (CommonShapeSyntax.TryUri(b, all, parametersAllowed: false, out var noParams))
        {
            Assert.True(UriSyntax.Scan(b, all, UriSyntax.Context.AddrSpec, out var addrSpec) is null, Show(b));
            Assert.Equal(addrSpec, noParams);
        }

        return true;
    }

    private static bool AgreesOnVia(byte[] b)
    {
        if (!CommonShapeSyntax.TryVia(b, new Segment(0, b.Length), out var fast))
        {
            return false;
        }

        var s = new SipScanner(b, 0, b.Length);
        Assert.True(HeaderSyntax.ViaList(ref s, out var full) is null, Show(b));
        Assert.Equal(full, fast);
        return true;
    }

    private static bool AgreesOnNameAddr(byte[] b)
    {
        if (!CommonShapeSyntax.TryNameAddr(b, new Segment(0, b.Length), out var fast))
        {
            return false;
        }

        var s = new SipScanner(b, 0, b.Length);
        Assert.True(HeaderSyntax.SingleNameAddr(ref s, out var full) is null, Show(b));
        Assert.Equal(full, fast);
        if (CommonShapeSyntax.TryContact(b, new Segment(0, b.Length)))
        {
            var contacts = new SipScanner(b, 0, b.Length);
            Assert.True(HeaderSyntax.ContactList(ref contacts) is null, Show(b));
        }

        return true;
    }

    private static string Show(byte[] b) => Encoding.Latin1.GetString(b).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
