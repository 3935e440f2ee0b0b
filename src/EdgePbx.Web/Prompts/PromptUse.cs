namespace EdgePbx.Web.Prompts;

/// <summary>One audio file the plan plays, and where: "Welcome of 4006123456", "Menu main".</summary>
public sealed record PromptUse(string Name, IReadOnlyList<string> UsedBy);
