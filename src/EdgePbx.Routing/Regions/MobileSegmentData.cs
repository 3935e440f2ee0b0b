namespace EdgePbx.Routing.Regions;

/// <summary>
/// Mobile number segments (first three digits of an 11-digit 1xx number) and their carrier, as allotted
/// by MIIT (《电信网码号资源管理办法》 allocations; public carrier segment lists). 170/171/162/165/167 are
/// MVNO segments shared by carriers and so map to "MVNO". Province/city of a mobile needs the 7-digit
/// H-code list, which plans supply through <c>regionPrefixes</c>.
/// </summary>
internal static class MobileSegmentData
{
    internal static readonly (string Segment, string Carrier)[] Entries =
    [
        ("134", "CMCC"), ("135", "CMCC"), ("136", "CMCC"), ("137", "CMCC"), ("138", "CMCC"), ("139", "CMCC"),
        ("147", "CMCC"), ("150", "CMCC"), ("151", "CMCC"), ("152", "CMCC"), ("157", "CMCC"), ("158", "CMCC"),
        ("159", "CMCC"), ("172", "CMCC"), ("178", "CMCC"), ("182", "CMCC"), ("183", "CMCC"), ("184", "CMCC"),
        ("187", "CMCC"), ("188", "CMCC"), ("195", "CMCC"), ("197", "CMCC"), ("198", "CMCC"),
        ("130", "CUCC"), ("131", "CUCC"), ("132", "CUCC"), ("145", "CUCC"), ("155", "CUCC"), ("156", "CUCC"),
        ("166", "CUCC"), ("175", "CUCC"), ("176", "CUCC"), ("185", "CUCC"), ("186", "CUCC"), ("196", "CUCC"),
        ("133", "CTCC"), ("149", "CTCC"), ("153", "CTCC"), ("173", "CTCC"), ("177", "CTCC"), ("180", "CTCC"),
        ("181", "CTCC"), ("189", "CTCC"), ("190", "CTCC"), ("191", "CTCC"), ("193", "CTCC"), ("199", "CTCC"),
        ("192", "CBN"),
        ("162", "MVNO"), ("165", "MVNO"), ("167", "MVNO"), ("170", "MVNO"), ("171", "MVNO"),
    ];
}
