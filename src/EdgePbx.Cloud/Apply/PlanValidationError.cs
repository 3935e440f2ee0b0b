namespace EdgePbx.Cloud.Apply;

/// <summary>One problem in a plan, with the JSON path where it is (e.g. <c>$.groups[2].members</c>).</summary>
public sealed record PlanValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
