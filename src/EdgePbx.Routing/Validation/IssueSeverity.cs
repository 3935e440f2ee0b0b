namespace EdgePbx.Routing.Validation;

public enum IssueSeverity
{
    Error,
    Warning,
}
