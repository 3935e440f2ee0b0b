namespace EdgePbx.Daemon.Prompts;

/// <summary>What installing the default prompts did: files copied, files that could not be, or why nothing was there to copy.</summary>
public sealed record DefaultPromptsResult(IReadOnlyList<string> Copied, IReadOnlyList<string> Failed, string? Missing);
