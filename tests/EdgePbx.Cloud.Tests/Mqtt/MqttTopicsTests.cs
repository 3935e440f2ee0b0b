using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Mqtt;

namespace EdgePbx.Cloud.Tests.Mqtt;

public sealed class MqttTopicsTests
{
    [Fact]
    public void Topics_follow_the_documented_layout()
    {
        var topics = new MqttTopics();

        Assert.Equal("edgepbx/devices/box-1/plan", topics.DevicePlan("box-1"));
        Assert.Equal("edgepbx/groups/shops/plan", topics.GroupPlan("shops"));
        Assert.Equal("edgepbx/devices/box-1/status", topics.DeviceStatus("box-1"));
        Assert.Equal("fleet-a/groups/shops/plan", new MqttTopics("fleet-a").PlanFor(PlanTarget.Group("shops")));
    }

    [Theory]
    [InlineData("box-1", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("+", false)]
    [InlineData("#", false)]
    public void Ids_with_topic_separators_or_wildcards_are_unsafe(string id, bool safe)
    {
        Assert.Equal(safe, MqttTopics.IsSafeSegment(id));
    }
}
