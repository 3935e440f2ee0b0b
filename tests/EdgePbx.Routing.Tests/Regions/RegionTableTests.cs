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
        Assert.Null(_table.Lookup("06011234567").Province); // 0601: no such area code (0888 is Lijiang)
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

    [Theory]
    [InlineData("07591234567", "Guangdong", "Zhanjiang")]
    [InlineData("05151234567", "Jiangsu", "Yancheng")]
    [InlineData("05571234567", "Anhui", "Suzhou")]   // the other Suzhou
    [InlineData("05121234567", "Jiangsu", "Suzhou")]
    [InlineData("09981234567", "Xinjiang", "Kashgar")]
    [InlineData("04331234567", "Jilin", "Yanbian")]
    public void Prefecture_level_cities_are_known_not_just_capitals(string caller, string province, string city)
    {
        var region = _table.Lookup(caller);

        Assert.Equal((province, city), (region.Province, region.City));
    }

    [Fact]
    public void Area_codes_are_unique_well_formed_and_never_prefix_one_another()
    {
        var codes = AreaCodeDataCodes();

        Assert.True(codes.Count >= 300, $"{codes.Count} codes");
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^0[1-9][0-9]{1,2}$", c));
        Assert.DoesNotContain(codes, c => c.Length == 4 && codes.Contains(c[..3]));
        Assert.All(codes.Where(c => c.Length == 3), c => Assert.True(c[1] is '1' or '2', c)); // only 010 and 02x are 3 digits
    }

    private static List<string> AreaCodeDataCodes()
    {
        // The table is internal; every code must answer with a region whose source names it.
        var table = new RegionTable();
        var codes = new List<string>();
        for (var n = 10; n <= 999; n++)
        {
            var code = "0" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var region = table.Lookup(code + "1234567");
            if (region.Source == "area code " + code)
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
