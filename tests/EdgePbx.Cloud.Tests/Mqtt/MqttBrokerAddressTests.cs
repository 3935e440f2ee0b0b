using EdgePbx.Cloud.Mqtt;

namespace EdgePbx.Cloud.Tests.Mqtt;

public sealed class MqttBrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.example", "broker.example", 1883, false)]
    [InlineData("mqtts://broker.example", "broker.example", 8883, true)]
    [InlineData("mqtt://127.0.0.1:41883", "127.0.0.1", 41883, false)]
    [InlineData("mqtts://broker.example:9883", "broker.example", 9883, true)]
    public void Url_gives_host_port_and_tls(string url, string host, int port, bool tls)
    {
        Assert.True(MqttBrokerAddress.TryParse(url, out var address, out _));

        Assert.Equal(new MqttBrokerAddress(host, port, tls), address);
    }

    [Fact]
    public void Credentials_in_the_url_are_read_unescaped_and_never_printed()
    {
        Assert.True(MqttBrokerAddress.TryParse("mqtts://box%2D1:p%40ss@broker.example", out var address, out _));

        Assert.Equal("box-1", address!.Username);
        Assert.Equal("p@ss", address.Password);
        Assert.DoesNotContain("p@ss", address.ToString());
    }

    [Theory]
    [InlineData("http://broker.example", "scheme")]
    [InlineData("broker.example:1883", "scheme")]
    [InlineData("not a url", "not a URL")]
    public void Url_that_is_not_a_broker_is_refused_with_a_reason(string url, string reason)
    {
        Assert.False(MqttBrokerAddress.TryParse(url, out var address, out var error));

        Assert.Null(address);
        Assert.Contains(reason, error);
    }
}
