namespace EdgePbx.Routing.Model;

/// <summary>
/// A parsed destination reference. The JSON writes targets as short strings an installer can type:
/// "ext:101", "group:sales", "menu:main", "voicemail:101", "external:13800138000", "hangup", and in
/// menus "back" (the menu the caller came from).
/// </summary>
public readonly record struct Target(TargetKind Kind, string Id)
{
    public static bool TryParse(string? text, out Target target)
    {
        target = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "hangup")
        {
            target = new Target(TargetKind.Hangup, "");
            return true;
        }

        if (text == "back")
        {
            target = new Target(TargetKind.Back, "");
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var id = text[(colon + 1)..];
        TargetKind? kind = text[..colon] switch
        {
            "ext" => TargetKind.Extension,
            "group" => TargetKind.Group,
            "menu" => TargetKind.Menu,
            "voicemail" => TargetKind.Voicemail,
            "external" => TargetKind.External,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        target = new Target(kind.Value, id);
        return true;
    }

    public override string ToString() => Kind switch
    {
        TargetKind.Hangup => "hangup",
        TargetKind.Back => "back",
        TargetKind.Extension => "ext:" + Id,
        TargetKind.Group => "group:" + Id,
        TargetKind.Menu => "menu:" + Id,
        TargetKind.Voicemail => "voicemail:" + Id,
        _ => "external:" + Id,
    };
}
