using EdgePbx.Media.Prompts;

namespace EdgePbx.Media.Tests.Prompts;

public sealed class SayNumbersTests
{
    private static string En(long value) => string.Join(' ', SayNumbers.Number(value, "en").Select(n => n["digits/".Length..]));

    private static string Cmn(long value)
    {
        var words = new Dictionary<string, string>
        {
            ["ten"] = "十", ["hundred"] = "百", ["thousand"] = "千", ["ten-thousand"] = "万", ["hundred-million"] = "亿",
        };
        return string.Concat(SayNumbers.Number(value, "cmn").Select(n => n["digits/".Length..]).Select(w => words.TryGetValue(w, out var c) ? c : "零一二三四五六七八九"[int.Parse(w)].ToString()));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(13, "13")]
    [InlineData(40, "40")]
    [InlineData(42, "40 2")]
    [InlineData(100, "1 hundred")]
    [InlineData(105, "1 hundred 5")]
    [InlineData(999, "9 hundred 90 9")]
    [InlineData(1000, "1 thousand")]
    [InlineData(1234, "1 thousand 2 hundred 30 4")]
    [InlineData(2_000_000, "2 million")]
    [InlineData(1_000_001, "1 million 1")]
    [InlineData(315_019_017, "3 hundred 15 million 19 thousand 17")]
    public void English_numbers_are_said_in_words(long value, string expected) => Assert.Equal(expected, En(value));

    [Theory]
    [InlineData(0, "零")]
    [InlineData(10, "十")]
    [InlineData(15, "十五")]
    [InlineData(20, "二十")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    [InlineData(1010, "一千零一十")]
    [InlineData(10005, "一万零五")]
    [InlineData(100000, "十万")]
    [InlineData(200300, "二十万零三百")]
    [InlineData(12345678, "一千二百三十四万五千六百七十八")]
    [InlineData(100010000, "一亿零一万")]
    [InlineData(4_006_123_456, "四十亿零六百一十二万三千四百五十六")]
    public void Mandarin_numbers_are_said_with_units_and_one_ling_per_gap(long value, string expected) => Assert.Equal(expected, Cmn(value));

    [Fact]
    public void Digits_are_said_one_by_one_with_star_and_pound()
    {
        Assert.Equal(["digits/4", "digits/0", "digits/0", "digits/star", "digits/pound"], SayNumbers.Digits("400*#"));
        Assert.Equal(["digits/1", "digits/2"], SayNumbers.Number(12, "fr"));
    }
}
