using System.Text;

namespace EdgePbx.Storage.Export;

/// <summary>RFC 4180 section 2: fields holding a comma, a double quote, CR or LF are enclosed in double quotes,
/// and a double quote inside is written twice.</summary>
public static class CsvField
{
    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    public static void Append(StringBuilder row, string value)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            row.Append(value);
            return;
        }

        row.Append('"');
        foreach (var c in value)
        {
            row.Append(c);
            if (c == '"')
            {
                row.Append('"');
            }
        }

        row.Append('"');
    }
}
