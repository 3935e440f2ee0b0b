using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

/// <summary>What a torture message must produce: parse (then check values), or be refused with a status and a reason naming the problem.</summary>
internal sealed record TortureExpectation(bool Valid, int Status = 0, string ReasonContains = "", Action<SipMessage>? Check = null)
{
    public static TortureExpectation Parses(Action<SipMessage>? check = null) => new(true, Check: check);

    public static TortureExpectation Refused(int status, string reasonContains) => new(false, status, reasonContains);
}
