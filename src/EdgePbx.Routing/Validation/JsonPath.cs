namespace EdgePbx.Routing.Validation;

/// <summary>
/// Builds the JSON paths findings are reported at. Keys that are plain names or numbers read as
/// <c>$.menus.main.options.9</c>; any other key ("*", "sales team", "a.b") is bracketed the way
/// System.Text.Json reports it (<c>$.menus.main.options['*']</c>), so a path always names one value.
/// </summary>
internal static class JsonPath
{
    public static string Member(string parent, string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"{parent}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return key.Length == 0 ? parent + "['']" : parent + "." + key;
    }
}
