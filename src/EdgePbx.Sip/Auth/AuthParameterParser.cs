using System.Text;

namespace EdgePbx.Sip.Auth;

/// <summary>RFC 3261 25.1 credentials / challenge: scheme LWS auth-param *(COMMA auth-param).</summary>
internal static class AuthParameterParser
{
    public static Dictionary<string, string>? Parse(string value, out string scheme, out string? error)
    {
        error = null;
        var text = value.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        scheme = space < 0 ? text : text[..space];
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space < 0)
        {
            return result;
        }

        var i = space;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ','))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                error = "auth-param without '='";
                return null;
            }

            var name = text[i..eq].Trim();
            i = eq + 1;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            string v;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    error = "unterminated quoted string in auth-param";
                    return null;
                }

                i++;
                v = sb.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                v = text[i..end].Trim();
                i = end;
            }

            if (name.Length == 0 || !result.TryAdd(name, v))
            {
                error = $"empty or repeated auth-param '{name}'";
                return null;
            }
        }

        return result;
    }
}
