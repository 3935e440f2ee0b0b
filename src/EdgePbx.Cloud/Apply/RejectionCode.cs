namespace EdgePbx.Cloud.Apply;

/// <summary>Why an incoming plan changed nothing. Each has a stable wire name (see <see cref="RejectionCodeNames"/>).</summary>
public enum RejectionCode
{
    TooLarge,
    NotJson,
    MalformedEnvelope,
    UnknownKey,
    BadSignature,
    WrongTarget,
    StaleVersion,
    InvalidPlan,
    StoreFailed,
}
