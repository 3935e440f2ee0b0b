namespace EdgePbx.Sip.Messages;

/// <summary>A <c>;name=value</c> parameter of a URI or header; Value is null for a bare name.</summary>
public readonly record struct SipParameter(string Name, string? Value);
