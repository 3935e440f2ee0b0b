using EdgePbx.Media.Dtmf;

namespace EdgePbx.Media.Tests.Dtmf;

public sealed class TelephoneEventTests
{
    [Fact]
    public void Rfc4733_payload_layout_event_end_volume_duration()
    {
        var buffer = new byte[4];
        new TelephoneEvent(11, true, 10, 800).Write(buffer);

        Assert.Equal(new byte[] { 11, 0x8A, 0x03, 0x20 }, buffer);
        Assert.True(TelephoneEvent.TryParse(buffer, out var parsed));
        Assert.Equal('#', parsed.Digit);
        Assert.Equal(new TelephoneEvent(11, true, 10, 800), parsed);
    }

    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('A', 12)]
    [InlineData('d', 15)]
    public void Rfc4733_3_2_event_codes_for_keys(char key, byte code)
    {
        Assert.Equal(code, TelephoneEvent.EventFor(key));
    }

    [Fact]
    public void Receiver_reports_an_event_once_despite_updates_and_three_end_packets()
    {
        var receiver = new TelephoneEventReceiver();
        var buffer = new byte[4];
        var digits = new List<char>();
        void Feed(uint ts, TelephoneEvent e)
        {
            e.Write(buffer);
            if (receiver.Receive(ts, buffer) is { } d)
            {
                digits.Add(d);
            }
        }

        Feed(1000, new TelephoneEvent(5, false, 10, 160));
        Feed(1000, new TelephoneEvent(5, false, 10, 320));
        Feed(1000, new TelephoneEvent(5, true, 10, 400));
        Feed(1000, new TelephoneEvent(5, true, 10, 400));
        Feed(1000, new TelephoneEvent(5, true, 10, 400));

        // The same key pressed again is a new event with a new timestamp.
        Feed(2600, new TelephoneEvent(5, false, 10, 160));
        Feed(2600, new TelephoneEvent(5, true, 10, 400));

        Assert.Equal(['5', '5'], digits);
    }

    [Fact]
    public void Receiver_reports_an_event_whose_start_packets_were_lost_on_its_end_packet()
    {
        var receiver = new TelephoneEventReceiver();
        var buffer = new byte[4];
        new TelephoneEvent(1, true, 10, 800).Write(buffer);

        Assert.Equal('1', receiver.Receive(5000, buffer));
        Assert.Null(receiver.Receive(5000, buffer));
    }

    [Fact]
    public void Receiver_ignores_short_payloads_and_non_dtmf_events()
    {
        var receiver = new TelephoneEventReceiver();

        Assert.Null(receiver.Receive(1, [1, 2]));
        Assert.Null(receiver.Receive(2, [32, 0, 0, 160]));
    }

    [Fact]
    public void Sender_emits_marker_first_growing_durations_then_end_packet_three_times()
    {
        var sender = new TelephoneEventSender();
        Assert.True(sender.Start('7', 100, 48000));

        var packets = new List<TelephoneEventPacket>();
        while (sender.Tick() is { } packet)
        {
            packets.Add(packet);
        }

        Assert.All(packets, p => Assert.Equal(48000u, p.Timestamp));
        Assert.All(packets, p => Assert.Equal(7, p.Event.Event));
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        Assert.Equal(new ushort[] { 160, 320, 480, 640, 800, 800, 800 }, packets.Select(p => p.Event.Duration));
        Assert.Equal(new[] { false, false, false, false, true, true, true }, packets.Select(p => p.Event.End));
        Assert.False(sender.Busy);
    }

    [Fact]
    public void Sender_refuses_a_character_that_is_not_a_key()
    {
        Assert.False(new TelephoneEventSender().Start('x', 100, 0));
    }

    [Fact]
    public void Sent_packets_received_give_the_digit_once()
    {
        var sender = new TelephoneEventSender();
        var receiver = new TelephoneEventReceiver();
        var buffer = new byte[4];
        var digits = new List<char>();
        sender.Start('#', 60, 320);
        while (sender.Tick() is { } packet)
        {
            packet.Event.Write(buffer);
            if (receiver.Receive(packet.Timestamp, buffer) is { } d)
            {
                digits.Add(d);
            }
        }

        Assert.Equal(['#'], digits);
    }
}
