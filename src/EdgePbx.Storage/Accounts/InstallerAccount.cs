namespace EdgePbx.Storage.Accounts;

/// <summary>An installer login. The hash is never handed out by the store; only names and dates are.</summary>
public sealed record InstallerAccount(string UserName, DateTimeOffset Created, DateTimeOffset PasswordChanged);
