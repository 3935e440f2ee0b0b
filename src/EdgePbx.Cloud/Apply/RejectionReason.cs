namespace EdgePbx.Cloud.Apply;

/// <summary>One reason a plan was refused, worded for the person reading the cloud console.</summary>
public sealed record RejectionReason(RejectionCode Code, string Message)
{
    public override string ToString() => $"{Code.ToWire()}: {Message}";
}
