namespace EdgePbx.Web.Box;

/// <summary>One setting as the System page shows it. Secrets are shown as "set" or "not set", never their value.</summary>
public sealed record BoxSetting(string Name, string Value);

/// <summary>A group of settings: "network", "trunk", "cloud", "sip", "media", "voicemail".</summary>
public sealed record BoxSettingsSection(string Id, string Title, IReadOnlyList<BoxSetting> Settings);
