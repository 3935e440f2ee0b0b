using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

/// <summary>RFC 5118 section 4: the IPv6 torture messages, one case per file under TestData/rfc5118.</summary>
public sealed class Rfc5118Ipv6Tests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(TestData.Rfc5118Directory, "*.dat").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Ipv6_torture_message_is_accepted_or_refused_as_rfc5118_says(string name)
    {
        Assert.True(Expectations.TryGetValue(name, out var expected), $"no expectation written for {name}");
        var result = SipParser.Parse(File.ReadAllBytes(Path.Combine(TestData.Rfc5118Directory, name + ".dat")));
        if (expected.Valid)
        {
            Assert.True(result.IsSuccess, $"{name}: {result.Error}");
            expected.Check?.Invoke(result.Message!);
        }
        else
        {
            Assert.False(result.IsSuccess, $"{name} was accepted");
            Assert.Equal(expected.Status, result.Error!.StatusCode);
            Assert.Contains(expected.ReasonContains, result.Error.ReasonPhrase, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void All_twelve_rfc5118_messages_are_present()
    {
        Assert.Equal(12, Directory.EnumerateFiles(TestData.Rfc5118Directory, "*.dat").Count());
    }

    private static readonly Dictionary<string, TortureExpectation> Expectations = new()
    {
        ["ipv6-good"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
            Assert.Equal("[2001:db8::9:1]", m.TopVia.Host);
            Assert.Equal("[2001:db8::1]", m.Contacts[0].Uri.Host);
        }),
        ["ipv6-bad"] = TortureExpectation.Refused(400, "Request-URI: bad port in URI"),
        ["port-ambiguous"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("[2001:db8::10:5070]", m.RequestUri.Host);
            Assert.Null(m.RequestUri.Port);
        }),
        ["port-unambiguous"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
            Assert.Equal(5070, m.RequestUri.Port);
        }),
        ["via-received-param-with-delim"] = TortureExpectation.Parses(m => Assert.Equal("[2001:db8::9:255]", m.TopVia.Received)),
        ["via-received-param-no-delim"] = TortureExpectation.Parses(m => Assert.Equal("2001:db8::9:255", m.TopVia.Received)),
        ["ipv6-in-sdp"] = TortureExpectation.Parses(m => Assert.Equal(251, m.Body.Length)),
        ["mult-ip-in-header"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(6050, m.TopVia.Port);
            Assert.Equal(["[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]"], m.Vias.Select(v => v.Host));
            Assert.Equal("192.0.2.200", m.Vias[2].Received);
        }),
        ["mult-ip-in-sdp"] = TortureExpectation.Parses(m => Assert.Equal(189, m.Body.Length)),
        ["ipv4-mapped-ipv6"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("[::ffff:192.0.2.10]", m.TopVia.Host);
            Assert.Equal(19823, m.TopVia.Port);
        }),
        ["ipv6-correct-abnf-2-colons"] = TortureExpectation.Parses(m => Assert.Equal("[2001:db8::192.0.2.1]", m.RequestUri.Host)),
        ["ipv6-correct-abnf-3-colons"] = TortureExpectation.Refused(400, "bad IPv6 reference"),
    };
}
