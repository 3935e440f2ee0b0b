namespace EdgePbx.Media.Prompts;

/// <summary>
/// The prompt names that say digits one by one or a whole number, built from per-language digit prompts
/// (<c>LANGUAGE/digits/NAME.wav</c> of the default set, Prompts/README.md). English says 1,234 as "one thousand
/// two hundred thirty four" (digits/0-19, the tens, hundred, thousand, million); Mandarin says it as 一千二百三十四
/// (digits/0-9, ten, hundred, thousand, ten-thousand, hundred-million), with one 零 for each run of zeros
/// inside the number and 十 rather than 一十 at the start.
/// </summary>
public static class SayNumbers
{
    public static readonly IReadOnlyList<string> Languages = ["en", "cmn"];

    /// <summary>One prompt per key: digits/0-9, digits/star, digits/pound; other characters are skipped.</summary>
    public static IReadOnlyList<string> Digits(string keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var names = new List<string>(keys.Length);
        foreach (var key in keys)
        {
            var name = key switch
            {
                >= '0' and <= '9' => "digits/" + key,
                '*' => "digits/star",
                '#' => "digits/pound",
                _ => null,
            };
            if (name is not null)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// The number in words of <paramref name="language"/> ("en" or "cmn"); negative numbers, numbers of a
    /// billion (en) or a trillion (cmn) and more, and other languages are said digit by digit.
    /// </summary>
    public static IReadOnlyList<string> Number(long value, string language)
    {
        var names = new List<string>();
        switch (language)
        {
            case "en" when value is >= 0 and < 1_000_000_000:
                English(value, names, top: true);
                break;
            case "cmn" when value is >= 0 and < 1_000_000_000_000:
                Mandarin(value, names);
                break;
            default:
                return Digits(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return names;
    }

    private static void English(long value, List<string> names, bool top)
    {
        if (value == 0)
        {
            if (top)
            {
                names.Add("digits/0");
            }

            return;
        }

        foreach (var (unit, name) in new[] { (1_000_000L, "million"), (1_000L, "thousand"), (100L, "hundred") })
        {
            if (value >= unit)
            {
                English(value / unit, names, top: false);
                names.Add("digits/" + name);
                value %= unit;
            }
        }

        if (value >= 20)
        {
            names.Add($"digits/{value / 10 * 10}");
            value %= 10;
        }

        if (value > 0)
        {
            names.Add($"digits/{value}");
        }
    }

    private static void Mandarin(long value, List<string> names)
    {
        if (value == 0)
        {
            names.Add("digits/0");
            return;
        }

        // Groups of four digits: 亿 (10^8), 万 (10^4), units.
        long[] groups = [value / 100_000_000, value / 10_000 % 10_000, value % 10_000];
        string?[] units = ["digits/hundred-million", "digits/ten-thousand", null];
        var started = false;
        var pendingZero = false;
        for (var g = 0; g < groups.Length; g++)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero |= started;
                continue;
            }

            // A group under 1000 after a higher one starts with 零 (一万零五), as does any gap of zeros.
            if (started && (pendingZero || group < 1000))
            {
                names.Add("digits/0");
            }

            MandarinGroup(group, names, leading: !started);
            if (units[g] is { } unit)
            {
                names.Add(unit);
            }

            started = true;
            pendingZero = false;
        }
    }

    private static void MandarinGroup(long group, List<string> names, bool leading)
    {
        long[] places = [1000, 100, 10, 1];
        string?[] unit = ["digits/thousand", "digits/hundred", "digits/ten", null];
        var seen = false;
        var zero = false;
        for (var p = 0; p < places.Length; p++)
        {
            var digit = group / places[p] % 10;
            if (digit == 0)
            {
                zero |= seen;
                continue;
            }

            if (zero)
            {
                names.Add("digits/0");
                zero = false;
            }

            // 十五, not 一十五, when the number itself starts with the tens.
            if (!(digit == 1 && places[p] == 10 && leading && !seen))
            {
                names.Add($"digits/{digit}");
            }

            if (unit[p] is { } name)
            {
                names.Add(name);
            }

            seen = true;
        }
    }
}
