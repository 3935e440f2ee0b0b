namespace EdgePbx.Web.Pages;

/// <summary>The forms shown before a session exists: first-run password and login.</summary>
public static class FormPages
{
    public static string Setup(string csrf, string? user, string? problem) =>
        "<p class=\"lead\">Welcome. This box has no installer password yet: choose one now. " +
        "There is no default password.</p>" +
        "<form method=\"post\" action=\"/setup\" class=\"card form\">" +
        Hidden(csrf) +
        Field("user", "Installer name", "text", user ?? "installer", null, "username") +
        Field("password", "Password", "password", null, problem, "new-password") +
        Field("confirm", "Password again", "password", null, null, "new-password") +
        "<button type=\"submit\">Set password</button></form>";

    public static string Login(string csrf, string? user, string? problem) =>
        "<form method=\"post\" action=\"/login\" class=\"card form\">" +
        Hidden(csrf) +
        Field("user", "Installer name", "text", user, null, "username") +
        Field("password", "Password", "password", null, problem, "current-password") +
        "<button type=\"submit\">Log in</button></form>";

    private static string Hidden(string csrf) => $"<input type=\"hidden\" name=\"csrf\" value=\"{Html.E(csrf)}\">";

    private static string Field(string name, string label, string type, string? value, string? problem, string autocomplete) =>
        $"<label for=\"{name}\">{Html.E(label)}</label>" +
        $"<input id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"{autocomplete}\" required" +
        (value is null ? string.Empty : $" value=\"{Html.E(value)}\"") +
        (problem is null ? ">" : $" aria-invalid=\"true\" aria-describedby=\"{name}-problem\"><p class=\"problem\" id=\"{name}-problem\">{Html.E(problem)}</p>");
}
