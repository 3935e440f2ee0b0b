using EdgePbx.Media.Dtmf;

namespace EdgePbx.Media.Tests.Dtmf;

public sealed class DtmfInfoBodyTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5')]
    [InlineData("application/dtmf-relay", "Signal= #\r\nDuration= 250\r\n", '#')]
    [InlineData("Application/DTMF-Relay; charset=utf-8", "signal=*\nduration=100\n", '*')]
    [InlineData("application/dtmf-relay", "Signal=11\r\nDuration=160\r\n", '#')]
    [InlineData("application/dtmf", "7", '7')]
    [InlineData("application/dtmf", "10\r\n", '*')]
    [InlineData("application/dtmf", "d", 'D')]
    public void Info_bodies_give_the_key(string contentType, string body, char expected)
    {
        Assert.Equal(expected, DtmfInfoBody.TryParse(contentType, body));
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160\r\n")]
    [InlineData("application/dtmf-relay", "Signal=x\r\n")]
    [InlineData("application/dtmf", "16")]
    [InlineData("application/sdp", "5")]
    public void Bodies_without_a_valid_key_give_nothing(string contentType, string body)
    {
        Assert.Null(DtmfInfoBody.TryParse(contentType, body));
    }
}
