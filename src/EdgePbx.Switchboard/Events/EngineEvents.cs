using System.Threading.Channels;

namespace EdgePbx.Switchboard.Events;

/// <summary>
/// Fan-out of engine events. Every subscriber gets its own bounded queue that drops its oldest event when
/// full, so publishing never waits and a stalled consumer (a hung web socket, a slow panel) only loses its
/// own history; the status snapshot remains the truth to resynchronise from.
/// </summary>
public sealed class EngineEvents
{
    private readonly Lock _gate = new();
    private Channel<EngineEvent>[] _subscribers = [];

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>A new subscription; complete it with <see cref="Unsubscribe"/>.</summary>
    public ChannelReader<EngineEvent> Subscribe(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var channel = Channel.CreateBounded<EngineEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers = [.. _subscribers, channel];
        }

        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<EngineEvent> reader)
    {
        lock (_gate)
        {
            var found = Array.Find(_subscribers, c => ReferenceEquals(c.Reader, reader));
            if (found is null)
            {
                return;
            }

            found.Writer.TryComplete();
            _subscribers = Array.FindAll(_subscribers, c => !ReferenceEquals(c, found));
        }
    }

    /// <summary>Never blocks: a full subscriber queue drops its oldest event.</summary>
    public void Publish(EngineEvent engineEvent)
    {
        ArgumentNullException.ThrowIfNull(engineEvent);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Writer.TryWrite(engineEvent);
        }
    }
}
