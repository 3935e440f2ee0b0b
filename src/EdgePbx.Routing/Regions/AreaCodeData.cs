namespace EdgePbx.Routing.Regions;

/// <summary>
/// Fixed-line long-distance area codes of mainland China, with the trunk prefix 0 as callers dial it.
/// Source: the MIIT national long-distance area code assignments (《全国固定电话长途区号》, also filed for
/// +86 in the ITU-T E.164 national numbering plan notifications for China). Covers the municipalities,
/// every provincial capital and the prefecture-level cities and autonomous prefectures; where several
/// cities share one code (Changsha, Zhuzhou and Xiangtan on 0731; Chengdu with Meishan and Ziyang on 028;
/// Xian with Xianyang on 029) the entry names the principal city, so "Province" rules match every caller
/// of the code and "Province/City" rules name that city. Names are pinyin, as plans write them.
/// </summary>
internal static class AreaCodeData
{
    // (area code incl. leading 0, province, city); no 3-digit code is a prefix of a 4-digit one.
    internal static readonly (string Code, string Province, string City)[] Entries =
    [
        // Beijing
        ("010", "Beijing", "Beijing"),
        // Shanghai
        ("021", "Shanghai", "Shanghai"),
        // Tianjin
        ("022", "Tianjin", "Tianjin"),
        // Chongqing
        ("023", "Chongqing", "Chongqing"),
        // Guangdong
        ("020", "Guangdong", "Guangzhou"), ("0755", "Guangdong", "Shenzhen"), ("0756", "Guangdong", "Zhuhai"),
        ("0757", "Guangdong", "Foshan"), ("0769", "Guangdong", "Dongguan"), ("0760", "Guangdong", "Zhongshan"),
        ("0754", "Guangdong", "Shantou"), ("0750", "Guangdong", "Jiangmen"), ("0752", "Guangdong", "Huizhou"),
        ("0759", "Guangdong", "Zhanjiang"), ("0758", "Guangdong", "Zhaoqing"), ("0768", "Guangdong", "Chaozhou"),
        ("0663", "Guangdong", "Jieyang"), ("0668", "Guangdong", "Maoming"), ("0751", "Guangdong", "Shaoguan"),
        ("0753", "Guangdong", "Meizhou"), ("0762", "Guangdong", "Heyuan"), ("0763", "Guangdong", "Qingyuan"),
        ("0660", "Guangdong", "Shanwei"), ("0662", "Guangdong", "Yangjiang"), ("0766", "Guangdong", "Yunfu"),
        // Jiangsu
        ("025", "Jiangsu", "Nanjing"), ("0512", "Jiangsu", "Suzhou"), ("0510", "Jiangsu", "Wuxi"),
        ("0519", "Jiangsu", "Changzhou"), ("0516", "Jiangsu", "Xuzhou"), ("0513", "Jiangsu", "Nantong"),
        ("0511", "Jiangsu", "Zhenjiang"), ("0514", "Jiangsu", "Yangzhou"), ("0515", "Jiangsu", "Yancheng"),
        ("0517", "Jiangsu", "Huaian"), ("0518", "Jiangsu", "Lianyungang"), ("0523", "Jiangsu", "Taizhou"),
        ("0527", "Jiangsu", "Suqian"),
        // Zhejiang
        ("0571", "Zhejiang", "Hangzhou"), ("0574", "Zhejiang", "Ningbo"), ("0577", "Zhejiang", "Wenzhou"),
        ("0579", "Zhejiang", "Jinhua"), ("0573", "Zhejiang", "Jiaxing"), ("0575", "Zhejiang", "Shaoxing"),
        ("0572", "Zhejiang", "Huzhou"), ("0576", "Zhejiang", "Taizhou"), ("0570", "Zhejiang", "Quzhou"),
        ("0578", "Zhejiang", "Lishui"), ("0580", "Zhejiang", "Zhoushan"),
        // Shandong
        ("0531", "Shandong", "Jinan"), ("0532", "Shandong", "Qingdao"), ("0535", "Shandong", "Yantai"),
        ("0533", "Shandong", "Zibo"), ("0536", "Shandong", "Weifang"), ("0537", "Shandong", "Jining"),
        ("0538", "Shandong", "Taian"), ("0539", "Shandong", "Linyi"), ("0631", "Shandong", "Weihai"),
        ("0632", "Shandong", "Zaozhuang"), ("0633", "Shandong", "Rizhao"), ("0534", "Shandong", "Dezhou"),
        ("0635", "Shandong", "Liaocheng"), ("0530", "Shandong", "Heze"), ("0543", "Shandong", "Binzhou"),
        ("0546", "Shandong", "Dongying"),
        // Henan
        ("0371", "Henan", "Zhengzhou"), ("0379", "Henan", "Luoyang"), ("0378", "Henan", "Kaifeng"),
        ("0372", "Henan", "Anyang"), ("0373", "Henan", "Xinxiang"), ("0374", "Henan", "Xuchang"),
        ("0375", "Henan", "Pingdingshan"), ("0376", "Henan", "Xinyang"), ("0377", "Henan", "Nanyang"),
        ("0370", "Henan", "Shangqiu"), ("0391", "Henan", "Jiaozuo"), ("0392", "Henan", "Hebi"),
        ("0393", "Henan", "Puyang"), ("0394", "Henan", "Zhoukou"), ("0395", "Henan", "Luohe"),
        ("0396", "Henan", "Zhumadian"), ("0398", "Henan", "Sanmenxia"),
        // Hubei
        ("027", "Hubei", "Wuhan"), ("0710", "Hubei", "Xiangyang"), ("0711", "Hubei", "Ezhou"),
        ("0712", "Hubei", "Xiaogan"), ("0713", "Hubei", "Huanggang"), ("0714", "Hubei", "Huangshi"),
        ("0715", "Hubei", "Xianning"), ("0716", "Hubei", "Jingzhou"), ("0717", "Hubei", "Yichang"),
        ("0718", "Hubei", "Enshi"), ("0719", "Hubei", "Shiyan"), ("0722", "Hubei", "Suizhou"),
        ("0724", "Hubei", "Jingmen"),
        // Hunan
        ("0731", "Hunan", "Changsha"), ("0730", "Hunan", "Yueyang"), ("0734", "Hunan", "Hengyang"),
        ("0735", "Hunan", "Chenzhou"), ("0736", "Hunan", "Changde"), ("0737", "Hunan", "Yiyang"),
        ("0738", "Hunan", "Loudi"), ("0739", "Hunan", "Shaoyang"), ("0743", "Hunan", "Xiangxi"),
        ("0744", "Hunan", "Zhangjiajie"), ("0745", "Hunan", "Huaihua"), ("0746", "Hunan", "Yongzhou"),
        // Jiangxi
        ("0791", "Jiangxi", "Nanchang"), ("0792", "Jiangxi", "Jiujiang"), ("0793", "Jiangxi", "Shangrao"),
        ("0794", "Jiangxi", "Fuzhou"), ("0795", "Jiangxi", "Yichun"), ("0796", "Jiangxi", "Jian"),
        ("0797", "Jiangxi", "Ganzhou"), ("0798", "Jiangxi", "Jingdezhen"), ("0799", "Jiangxi", "Pingxiang"),
        ("0790", "Jiangxi", "Xinyu"), ("0701", "Jiangxi", "Yingtan"),
        // Fujian
        ("0591", "Fujian", "Fuzhou"), ("0592", "Fujian", "Xiamen"), ("0595", "Fujian", "Quanzhou"),
        ("0594", "Fujian", "Putian"), ("0596", "Fujian", "Zhangzhou"), ("0597", "Fujian", "Longyan"),
        ("0598", "Fujian", "Sanming"), ("0599", "Fujian", "Nanping"), ("0593", "Fujian", "Ningde"),
        // Anhui
        ("0551", "Anhui", "Hefei"), ("0553", "Anhui", "Wuhu"), ("0552", "Anhui", "Bengbu"),
        ("0554", "Anhui", "Huainan"), ("0555", "Anhui", "Maanshan"), ("0556", "Anhui", "Anqing"),
        ("0557", "Anhui", "Suzhou"), ("0558", "Anhui", "Fuyang"), ("0559", "Anhui", "Huangshan"),
        ("0550", "Anhui", "Chuzhou"), ("0561", "Anhui", "Huaibei"), ("0562", "Anhui", "Tongling"),
        ("0563", "Anhui", "Xuancheng"), ("0564", "Anhui", "Luan"), ("0566", "Anhui", "Chizhou"),
        // Hebei
        ("0311", "Hebei", "Shijiazhuang"), ("0315", "Hebei", "Tangshan"), ("0310", "Hebei", "Handan"),
        ("0312", "Hebei", "Baoding"), ("0313", "Hebei", "Zhangjiakou"), ("0314", "Hebei", "Chengde"),
        ("0316", "Hebei", "Langfang"), ("0317", "Hebei", "Cangzhou"), ("0318", "Hebei", "Hengshui"),
        ("0319", "Hebei", "Xingtai"), ("0335", "Hebei", "Qinhuangdao"),
        // Shanxi
        ("0351", "Shanxi", "Taiyuan"), ("0352", "Shanxi", "Datong"), ("0353", "Shanxi", "Yangquan"),
        ("0354", "Shanxi", "Jinzhong"), ("0355", "Shanxi", "Changzhi"), ("0356", "Shanxi", "Jincheng"),
        ("0357", "Shanxi", "Linfen"), ("0358", "Shanxi", "Lvliang"), ("0359", "Shanxi", "Yuncheng"),
        ("0349", "Shanxi", "Shuozhou"), ("0350", "Shanxi", "Xinzhou"),
        // Liaoning
        ("024", "Liaoning", "Shenyang"), ("0411", "Liaoning", "Dalian"), ("0412", "Liaoning", "Anshan"),
        ("0413", "Liaoning", "Fushun"), ("0414", "Liaoning", "Benxi"), ("0415", "Liaoning", "Dandong"),
        ("0416", "Liaoning", "Jinzhou"), ("0417", "Liaoning", "Yingkou"), ("0418", "Liaoning", "Fuxin"),
        ("0419", "Liaoning", "Liaoyang"), ("0421", "Liaoning", "Chaoyang"), ("0427", "Liaoning", "Panjin"),
        ("0429", "Liaoning", "Huludao"), ("0410", "Liaoning", "Tieling"),
        // Jilin
        ("0431", "Jilin", "Changchun"), ("0432", "Jilin", "Jilin"), ("0433", "Jilin", "Yanbian"),
        ("0434", "Jilin", "Siping"), ("0435", "Jilin", "Tonghua"), ("0436", "Jilin", "Baicheng"),
        ("0437", "Jilin", "Liaoyuan"), ("0438", "Jilin", "Songyuan"), ("0439", "Jilin", "Baishan"),
        // Heilongjiang
        ("0451", "Heilongjiang", "Harbin"), ("0452", "Heilongjiang", "Qiqihar"), ("0453", "Heilongjiang", "Mudanjiang"),
        ("0454", "Heilongjiang", "Jiamusi"), ("0455", "Heilongjiang", "Suihua"), ("0456", "Heilongjiang", "Heihe"),
        ("0457", "Heilongjiang", "Daxinganling"), ("0458", "Heilongjiang", "Yichun"),
        ("0459", "Heilongjiang", "Daqing"), ("0464", "Heilongjiang", "Qitaihe"), ("0467", "Heilongjiang", "Jixi"),
        ("0468", "Heilongjiang", "Hegang"), ("0469", "Heilongjiang", "Shuangyashan"),
        // Sichuan
        ("028", "Sichuan", "Chengdu"), ("0816", "Sichuan", "Mianyang"), ("0838", "Sichuan", "Deyang"),
        ("0813", "Sichuan", "Zigong"), ("0812", "Sichuan", "Panzhihua"), ("0830", "Sichuan", "Luzhou"),
        ("0831", "Sichuan", "Yibin"), ("0832", "Sichuan", "Neijiang"), ("0833", "Sichuan", "Leshan"),
        ("0817", "Sichuan", "Nanchong"), ("0818", "Sichuan", "Dazhou"), ("0826", "Sichuan", "Guangan"),
        ("0839", "Sichuan", "Guangyuan"), ("0825", "Sichuan", "Suining"), ("0827", "Sichuan", "Bazhong"),
        ("0835", "Sichuan", "Yaan"), ("0834", "Sichuan", "Liangshan"),
        // Shaanxi
        ("029", "Shaanxi", "Xian"), ("0917", "Shaanxi", "Baoji"), ("0913", "Shaanxi", "Weinan"),
        ("0916", "Shaanxi", "Hanzhong"), ("0911", "Shaanxi", "Yanan"), ("0912", "Shaanxi", "Yulin"),
        ("0915", "Shaanxi", "Ankang"), ("0914", "Shaanxi", "Shangluo"), ("0919", "Shaanxi", "Tongchuan"),
        // Yunnan
        ("0871", "Yunnan", "Kunming"), ("0877", "Yunnan", "Yuxi"), ("0874", "Yunnan", "Qujing"),
        ("0872", "Yunnan", "Dali"), ("0888", "Yunnan", "Lijiang"), ("0691", "Yunnan", "Xishuangbanna"),
        ("0870", "Yunnan", "Zhaotong"), ("0873", "Yunnan", "Honghe"), ("0875", "Yunnan", "Baoshan"),
        ("0876", "Yunnan", "Wenshan"), ("0878", "Yunnan", "Chuxiong"), ("0879", "Yunnan", "Puer"),
        ("0883", "Yunnan", "Lincang"), ("0692", "Yunnan", "Dehong"),
        // Guizhou
        ("0851", "Guizhou", "Guiyang"), ("0858", "Guizhou", "Liupanshui"), ("0853", "Guizhou", "Anshun"),
        ("0857", "Guizhou", "Bijie"), ("0856", "Guizhou", "Tongren"), ("0854", "Guizhou", "Qiannan"),
        ("0855", "Guizhou", "Qiandongnan"), ("0859", "Guizhou", "Qianxinan"),
        // Guangxi
        ("0771", "Guangxi", "Nanning"), ("0773", "Guangxi", "Guilin"), ("0772", "Guangxi", "Liuzhou"),
        ("0774", "Guangxi", "Wuzhou"), ("0779", "Guangxi", "Beihai"), ("0775", "Guangxi", "Yulin"),
        ("0776", "Guangxi", "Baise"), ("0777", "Guangxi", "Qinzhou"), ("0778", "Guangxi", "Hechi"),
        ("0770", "Guangxi", "Fangchenggang"),
        // Hainan
        ("0898", "Hainan", "Haikou"), ("0899", "Hainan", "Sanya"),
        // NeiMongol
        ("0471", "NeiMongol", "Hohhot"), ("0472", "NeiMongol", "Baotou"), ("0473", "NeiMongol", "Wuhai"),
        ("0474", "NeiMongol", "Ulanqab"), ("0475", "NeiMongol", "Tongliao"), ("0476", "NeiMongol", "Chifeng"),
        ("0477", "NeiMongol", "Ordos"), ("0478", "NeiMongol", "Bayannur"), ("0470", "NeiMongol", "Hulunbuir"),
        ("0479", "NeiMongol", "Xilingol"), ("0482", "NeiMongol", "Hinggan"), ("0483", "NeiMongol", "Alxa"),
        // Gansu
        ("0931", "Gansu", "Lanzhou"), ("0937", "Gansu", "Jiuquan"), ("0938", "Gansu", "Tianshui"),
        ("0935", "Gansu", "Wuwei"), ("0936", "Gansu", "Zhangye"), ("0934", "Gansu", "Qingyang"),
        ("0933", "Gansu", "Pingliang"), ("0932", "Gansu", "Dingxi"), ("0939", "Gansu", "Longnan"),
        ("0930", "Gansu", "Linxia"), ("0941", "Gansu", "Gannan"), ("0943", "Gansu", "Baiyin"),
        // Qinghai
        ("0971", "Qinghai", "Xining"), ("0972", "Qinghai", "Haidong"), ("0979", "Qinghai", "Haixi"),
        // Ningxia
        ("0951", "Ningxia", "Yinchuan"), ("0952", "Ningxia", "Shizuishan"), ("0953", "Ningxia", "Wuzhong"),
        ("0954", "Ningxia", "Guyuan"), ("0955", "Ningxia", "Zhongwei"),
        // Xinjiang
        ("0991", "Xinjiang", "Urumqi"), ("0990", "Xinjiang", "Karamay"), ("0998", "Xinjiang", "Kashgar"),
        ("0997", "Xinjiang", "Aksu"), ("0903", "Xinjiang", "Hotan"), ("0995", "Xinjiang", "Turpan"),
        ("0902", "Xinjiang", "Hami"), ("0999", "Xinjiang", "Ili"), ("0994", "Xinjiang", "Changji"),
        ("0996", "Xinjiang", "Bayingolin"), ("0909", "Xinjiang", "Bortala"), ("0901", "Xinjiang", "Tacheng"),
        ("0906", "Xinjiang", "Altay"), ("0908", "Xinjiang", "Kizilsu"), ("0993", "Xinjiang", "Shihezi"),
        // Xizang
        ("0891", "Xizang", "Lhasa"), ("0892", "Xizang", "Shigatse"), ("0893", "Xizang", "Shannan"),
        ("0894", "Xizang", "Nyingchi"), ("0895", "Xizang", "Chamdo"), ("0896", "Xizang", "Nagqu"),
        ("0897", "Xizang", "Ngari"),
    ];
}
