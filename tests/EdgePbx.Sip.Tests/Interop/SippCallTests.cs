namespace EdgePbx.Sip.Tests.Interop;

using EdgePbx.Sip.Tests.Stack;

/// <summary>sipp's built-in UAC places calls (INVITE, 180, 200, ACK, BYE) through the stack's transactions.</summary>
public sealed class SippCallTests
{
    [SippFact]
    public async Task Sipp_uac_completes_invite_ack_bye_calls()
    {
        var handler = new AnsweringHandler();
        await using var f = new StackFixture(handler);

        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, null, "-sn", "uac", "-s", "500", "-m", "3", "-d", "100");

        Assert.True(exit == 0, $"sipp exit {exit}: {output}");
        Assert.Equal(3, handler.Seen.Count(m => m == "INVITE"));
        Assert.Equal(3, handler.Seen.Count(m => m == "ACK"));
        Assert.Equal(3, handler.Seen.Count(m => m == "BYE"));
    }

    [SippFact]
    public async Task Sipp_uac_over_a_lossy_link_still_completes_thanks_to_retransmission()
    {
        var handler = new AnsweringHandler();
        await using var f = new StackFixture(handler);

        // sipp drops 10% of what it sends and receives; our timers and retransmission absorption must cope. Our
        // own scenario matches each response to its request: with the built-in uac a resent 200 to the INVITE
        // could end a call whose BYE never reached us (a full run of stop 28 failed that way, 4 BYEs of 5).
        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "uac_call_bye_txn.xml", "-s", "500", "-m", "5", "-d", "100", "-lost", "10");

        Assert.True(exit == 0, $"sipp exit {exit}: {output}");
        // Every call completed, and each INVITE and BYE reached the engine exactly once: the copies sipp
        // resent after a loss were absorbed by their server transactions.
        Assert.Equal(5, handler.Seen.Count(m => m == "INVITE"));
        Assert.Equal(5, handler.Seen.Count(m => m == "BYE"));
    }
}
