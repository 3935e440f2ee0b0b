using System.Text;

namespace EdgePbx.Storage.Tests.Support;

/// <summary>A strict RFC 4180 reader for checking exported files: CRLF records, quoted fields with doubled quotes.</summary>
public static class Rfc4180Reader
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }

            if (i < text.Length && text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else if (i < text.Length)
            {
                if (text[i] is '"' or '\r' or '\n')
                {
                    throw new FormatException($"bare {(int)text[i]} at {i}");
                }

                field.Append(text[i++]);
            }
        }

        if (row.Count > 0 || field.Length > 0)
        {
            throw new FormatException("last record not terminated by CRLF");
        }

        return rows;
    }
}
