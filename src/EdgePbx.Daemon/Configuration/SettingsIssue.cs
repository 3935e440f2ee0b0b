namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// One wrong setting: <see cref="Key"/> as the settings file names it ("trunk.target"), the reason, and the one
/// key an editing form should put it beside when the rule ties several keys together ("trunk.username and trunk.password").
/// </summary>
public sealed record SettingsIssue(string Key, string Message, string? Field = null)
{
    /// <summary>The form field this issue belongs beside.</summary>
    public string FieldKey => Field ?? Key;

    public override string ToString() => $"{Key}: {Message}";
}
