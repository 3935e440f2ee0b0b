namespace EdgePbx.Web.Box;

/// <summary>How a settings field is edited on the page.</summary>
public enum BoxFieldKind
{
    Text,
    Number,

    /// <summary>One value per line (addresses, groups).</summary>
    Lines,

    /// <summary>One of <see cref="BoxSettingField.Choices"/>.</summary>
    Choice,

    /// <summary>Written, never read back: the value is always empty; empty keeps the saved one.</summary>
    Secret,
}

/// <summary>
/// One editable setting as saved in the settings file: <see cref="Key"/> is the file's dotted key ("trunk.target"),
/// <see cref="Value"/> its text (empty for a secret, whose <see cref="IsSet"/> says whether one is saved).
/// </summary>
public sealed record BoxSettingField(string Key, string Label, string Value, BoxFieldKind Kind = BoxFieldKind.Text, string? Hint = null)
{
    public IReadOnlyList<string> Choices { get; init; } = [];

    public bool IsSet { get; init; }
}

/// <summary>A refusal beside a field (<see cref="Key"/>), or above the form when the key is null.</summary>
public sealed record BoxSettingIssue(string? Key, string Message);

/// <summary>What a save did: nothing (with the issues), or the labels of the settings changed (they take effect on restart).</summary>
public sealed record BoxSettingsSave(IReadOnlyList<BoxSettingIssue> Issues, IReadOnlyList<string> Changed)
{
    public bool Ok => Issues.Count == 0;

    public static BoxSettingsSave Refused(params BoxSettingIssue[] issues) => new(issues, []);
}
