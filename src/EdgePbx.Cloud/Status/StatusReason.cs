namespace EdgePbx.Cloud.Status;

/// <summary>A rejection reason on the wire: stable code (e.g. <c>bad-signature</c>) and readable message.</summary>
public sealed record StatusReason(string Code, string Message);
