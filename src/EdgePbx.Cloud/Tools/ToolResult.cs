namespace EdgePbx.Cloud.Tools;

/// <summary>Result of a CLI tool call: the value, or the errors to print (and exit non-zero).</summary>
public sealed record ToolResult<T>(T? Value, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
