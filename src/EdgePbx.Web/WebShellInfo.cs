namespace EdgePbx.Web;

/// <summary>Facts about the running daemon the pages show.</summary>
public sealed record WebShellInfo(string Version, TimeProvider Time, long StartedAt);
