using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Legs;

namespace EdgePbx.Switchboard.Tests.Legs;

/// <summary>An outbound leg offers the caller's codec first and the rest of ours in our order.</summary>
public sealed class OfferedCodecOrderTests
{
    public static TheoryData<AudioCodec[], AudioCodec> Lists()
    {
        var data = new TheoryData<AudioCodec[], AudioCodec>();
        AudioCodec[] both = [AudioCodec.Pcmu, AudioCodec.Pcma];
        for (var length = 0; length <= 4; length++)
        {
            for (var bits = 0; bits < 1 << length; bits++)
            {
                var list = new AudioCodec[length];
                for (var i = 0; i < length; i++)
                {
                    list[i] = both[(bits >> i) & 1];
                }

                data.Add(list, AudioCodec.Pcmu);
                data.Add(list, AudioCodec.Pcma);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void The_callers_codec_comes_first_and_the_rest_keep_our_order(AudioCodec[] ours, AudioCodec preferred)
    {
        var expected = ours.OrderBy(c => c == preferred ? 0 : 1).ToArray();

        Assert.Equal(expected, OutboundLeg.PreferredFirst(ours, preferred));
    }

    [Fact]
    public void Our_list_already_in_that_order_is_offered_as_it_is()
    {
        AudioCodec[] ours = [AudioCodec.Pcmu, AudioCodec.Pcma];

        Assert.Same(ours, OutboundLeg.PreferredFirst(ours, AudioCodec.Pcmu));
    }
}
