namespace EdgePbx.Cloud.Apply;

/// <summary>
/// Checks plan JSON against the routing model. The daemon implements it with EdgePbx.Routing; Cloud
/// only needs the verdict. Must not throw for bad input: an empty list means valid.
/// </summary>
public interface IPlanValidator
{
    IReadOnlyList<PlanValidationError> Validate(ReadOnlyMemory<byte> planJson);
}
