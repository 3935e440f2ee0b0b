namespace EdgePbx.Cloud.Apply;

/// <summary>Wire names of rejection codes; the cloud matches on these, so they never change.</summary>
public static class RejectionCodeNames
{
    public static string ToWire(this RejectionCode code) => code switch
    {
        RejectionCode.TooLarge => "too-large",
        RejectionCode.NotJson => "not-json",
        RejectionCode.MalformedEnvelope => "malformed-envelope",
        RejectionCode.UnknownKey => "unknown-key",
        RejectionCode.BadSignature => "bad-signature",
        RejectionCode.WrongTarget => "wrong-target",
        RejectionCode.StaleVersion => "stale-version",
        RejectionCode.InvalidPlan => "invalid-plan",
        RejectionCode.StoreFailed => "store-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
