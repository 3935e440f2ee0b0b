namespace EdgePbx.Web.Security;

/// <summary>A logged-in installer: the cookie carries <see cref="Token"/>; forms and API calls carry <see cref="CsrfToken"/>.</summary>
public sealed record InstallerSession(string Token, string User, string CsrfToken, DateTimeOffset ExpiresAt);
