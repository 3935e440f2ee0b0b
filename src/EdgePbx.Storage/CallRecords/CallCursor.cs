using System.Globalization;

namespace EdgePbx.Storage.CallRecords;

/// <summary>Position after the last record of a page. Its text form ("start-row") travels in web page URLs.</summary>
public readonly record struct CallCursor(long StartMs, long RowId)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StartMs}-{RowId}");

    public static bool TryParse(string? text, out CallCursor cursor)
    {
        cursor = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return false;
        }

        cursor = new CallCursor(start, row);
        return true;
    }
}
