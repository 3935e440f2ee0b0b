namespace EdgePbx.Cloud.Tools;

/// <summary>Factories for <see cref="ToolResult{T}"/> (kept apart: static members on generic types read badly at call sites).</summary>
internal static class ToolResults
{
    public static ToolResult<T> Ok<T>(T value) => new(value, []);

    public static ToolResult<T> Fail<T>(string error) => new(default, [error]);
}
