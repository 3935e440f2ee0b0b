namespace EdgePbx.Routing.Regions;

/// <summary>
/// Fixed-line long-distance area codes of mainland China (without the trunk prefix 0 shown here as part
/// of the code, as callers dial it). Source: the MIIT national long-distance area code assignments
/// (《全国固定电话长途区号》, also filed in ITU-T E.164 national numbering plan notification for China, +86).
/// Covers every provincial capital, the municipalities and major cities; extend as needed.
/// </summary>
internal static class AreaCodeData
{
    // (area code incl. leading 0, province, city) — pinyin names, which is what plans write.
    internal static readonly (string Code, string Province, string City)[] Entries =
    [
        ("010", "Beijing", "Beijing"),
        ("021", "Shanghai", "Shanghai"),
        ("022", "Tianjin", "Tianjin"),
        ("023", "Chongqing", "Chongqing"),
        ("020", "Guangdong", "Guangzhou"),
        ("0755", "Guangdong", "Shenzhen"),
        ("0756", "Guangdong", "Zhuhai"),
        ("0757", "Guangdong", "Foshan"),
        ("0769", "Guangdong", "Dongguan"),
        ("0760", "Guangdong", "Zhongshan"),
        ("0754", "Guangdong", "Shantou"),
        ("0750", "Guangdong", "Jiangmen"),
        ("0752", "Guangdong", "Huizhou"),
        ("025", "Jiangsu", "Nanjing"),
        ("0512", "Jiangsu", "Suzhou"),
        ("0510", "Jiangsu", "Wuxi"),
        ("0519", "Jiangsu", "Changzhou"),
        ("0516", "Jiangsu", "Xuzhou"),
        ("0513", "Jiangsu", "Nantong"),
        ("0571", "Zhejiang", "Hangzhou"),
        ("0574", "Zhejiang", "Ningbo"),
        ("0577", "Zhejiang", "Wenzhou"),
        ("0579", "Zhejiang", "Jinhua"),
        ("0573", "Zhejiang", "Jiaxing"),
        ("0575", "Zhejiang", "Shaoxing"),
        ("027", "Hubei", "Wuhan"),
        ("028", "Sichuan", "Chengdu"),
        ("029", "Shaanxi", "Xian"),
        ("024", "Liaoning", "Shenyang"),
        ("0411", "Liaoning", "Dalian"),
        ("0531", "Shandong", "Jinan"),
        ("0532", "Shandong", "Qingdao"),
        ("0535", "Shandong", "Yantai"),
        ("0371", "Henan", "Zhengzhou"),
        ("0379", "Henan", "Luoyang"),
        ("0731", "Hunan", "Changsha"),
        ("0791", "Jiangxi", "Nanchang"),
        ("0591", "Fujian", "Fuzhou"),
        ("0592", "Fujian", "Xiamen"),
        ("0595", "Fujian", "Quanzhou"),
        ("0551", "Anhui", "Hefei"),
        ("0311", "Hebei", "Shijiazhuang"),
        ("0315", "Hebei", "Tangshan"),
        ("0351", "Shanxi", "Taiyuan"),
        ("0471", "NeiMongol", "Hohhot"),
        ("0472", "NeiMongol", "Baotou"),
        ("0431", "Jilin", "Changchun"),
        ("0451", "Heilongjiang", "Harbin"),
        ("0771", "Guangxi", "Nanning"),
        ("0773", "Guangxi", "Guilin"),
        ("0898", "Hainan", "Haikou"),
        ("0899", "Hainan", "Sanya"),
        ("0851", "Guizhou", "Guiyang"),
        ("0871", "Yunnan", "Kunming"),
        ("0891", "Xizang", "Lhasa"),
        ("0931", "Gansu", "Lanzhou"),
        ("0971", "Qinghai", "Xining"),
        ("0951", "Ningxia", "Yinchuan"),
        ("0991", "Xinjiang", "Urumqi"),
    ];
}
