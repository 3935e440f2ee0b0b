using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

public sealed class HeaderNamesTests
{
    public static TheoryData<HeaderKind> Kinds()
    {
        var data = new TheoryData<HeaderKind>();
        foreach (var kind in Enum.GetValues<HeaderKind>().Where(k => k != HeaderKind.Other))
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_known_name_is_classified_in_any_letter_case(HeaderKind kind)
    {
        var name = HeaderNames.Canonical(kind);
        Assert.NotEmpty(name);
        Assert.Equal(kind, HeaderNames.Classify(Encoding.ASCII.GetBytes(name)));
        Assert.Equal(kind, HeaderNames.Classify(Encoding.ASCII.GetBytes(name.ToUpperInvariant())));
        Assert.Equal(kind, HeaderNames.Classify(Encoding.ASCII.GetBytes(name.ToLowerInvariant())));
    }

    [Theory]
    [InlineData("v", HeaderKind.Via)]
    [InlineData("I", HeaderKind.CallId)]
    [InlineData("f", HeaderKind.From)]
    [InlineData("T", HeaderKind.To)]
    [InlineData("l", HeaderKind.ContentLength)]
    [InlineData("m", HeaderKind.Contact)]
    [InlineData("x", HeaderKind.Other)]
    [InlineData("Call-IDs", HeaderKind.Other)]
    [InlineData("Contacts", HeaderKind.Other)]
    [InlineData("CSeq2", HeaderKind.Other)]
    [InlineData("", HeaderKind.Other)]
    public void Compact_forms_match_and_near_misses_do_not(string name, HeaderKind expected) =>
        Assert.Equal(expected, HeaderNames.Classify(Encoding.ASCII.GetBytes(name)));
}
