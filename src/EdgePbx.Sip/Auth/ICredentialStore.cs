namespace EdgePbx.Sip.Auth;

/// <summary>
/// Looks up a SIP user's secret (the storage layer implements this over its user table). Called on
/// the SIP worker for every authenticated request: implementations must answer quickly.
/// </summary>
public interface ICredentialStore
{
    /// <summary>The password of <paramref name="username"/> in <paramref name="realm"/>, or null if unknown.</summary>
    string? FindPassword(string username, string realm);
}
