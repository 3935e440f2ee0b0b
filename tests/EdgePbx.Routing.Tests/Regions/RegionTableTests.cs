using EdgePbx.Routing.Regions;

namespace EdgePbx.Routing.Tests.Regions;

public sealed class RegionTableTests
{
    private readonly RegionTable _table = new(new Dictionary<string, string> { ["1380013"] = "Beijing/Beijing", ["13900"] = "Guangdong" });

    [Theory]
    [InlineData("01012345678", "Beijing", "Beijing")]
    [InlineData("02087654321", "Guangdong", "Guangzhou")]
    [InlineData("075512345678", "Guangdong", "Shenzhen")]
    [InlineData("09912345678", "Xinjiang", "Urumqi")]
    [InlineData("057188887777", "Zhejiang", "Hangzhou")]
    [InlineData("+862161234567", "Shanghai", "Shanghai")]
    [InlineData("00862861234567", "Sichuan", "Chengdu")]
    public void Fixed_line_region_comes_from_the_area_code(string caller, string province, string city)
    {
        var region = _table.Lookup(caller);

        Assert.Equal((province, city), (region.Province, region.City));
        Assert.Null(region.Carrier);
    }

    [Theory]
    [InlineData("13800000000", "CMCC")]
    [InlineData("18612345678", "CUCC")]
    [InlineData("18912345678", "CTCC")]
    [InlineData("19212345678", "CBN")]
    [InlineData("+8617012345678", "MVNO")]
    public void Mobile_carrier_comes_from_the_segment(string caller, string carrier)
    {
        Assert.Equal(carrier, _table.Lookup(caller).Carrier);
    }

    [Fact]
    public void Mobile_region_comes_from_the_longest_plan_prefix()
    {
        var beijing = _table.Lookup("13800138000");
        var guangdong = _table.Lookup("13900139000");
        var unknown = _table.Lookup("13700137000");

        Assert.Equal(("Beijing", "Beijing", "CMCC"), (beijing.Province, beijing.City, beijing.Carrier));
        Assert.Equal(("Guangdong", (string?)null), (guangdong.Province, guangdong.City));
        Assert.Null(unknown.Province);
        Assert.Equal("CMCC", unknown.Carrier);
    }

    [Fact]
    public void Unknown_number_has_an_unknown_region()
    {
        Assert.Null(_table.Lookup("12345").Province);
        Assert.Null(_table.Lookup("08881234567").Province);
    }

    [Theory]
    [InlineData("Guangdong", true)]
    [InlineData("guangdong", true)]
    [InlineData("Guangdong/Shenzhen", true)]
    [InlineData("Guangdong/Guangzhou", false)]
    [InlineData("Fujian", false)]
    public void Region_matches_province_or_province_and_city(string pattern, bool matches)
    {
        Assert.Equal(matches, _table.Lookup("075512345678").Matches(pattern));
    }

    [Fact]
    public void Table_covers_every_provincial_capital()
    {
        string[] capitals =
        [
            "010", "021", "022", "023", "020", "025", "027", "028", "029", "024", "0571", "0531", "0371", "0731", "0791",
            "0591", "0551", "0311", "0351", "0471", "0431", "0451", "0771", "0898", "0851", "0871", "0891", "0931", "0971",
            "0951", "0991",
        ];

        Assert.All(capitals, code => Assert.NotNull(_table.Lookup(code + "1234567").Province));
        Assert.Equal(31, capitals.Select(c => _table.Lookup(c + "1234567").Province).Distinct().Count());
    }
}
