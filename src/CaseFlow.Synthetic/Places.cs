namespace CaseFlow.Synthetic;

/// <summary>Place names, region codes and industries the synthetic counties are built from.</summary>
internal static class Places
{
    public static readonly string[] AnjiTowns =
    [
        "递铺街道", "昌硕街道", "灵峰街道", "孝源街道", "孝丰镇", "天子湖镇", "鄣吴镇", "杭垓镇",
        "报福镇", "章村镇", "天荒坪镇", "梅溪镇", "溪龙乡", "上墅乡", "山川乡",
    ];

    public static readonly string[] JimoTowns =
    [
        "通济街道", "环秀街道", "潮海街道", "龙山街道", "蓝村街道", "龙泉街道",
        "鳌山卫街道", "温泉街道", "田横镇", "金口镇", "移风店镇", "段泊岚镇",
    ];

    public static readonly string[] GeneratedStreets = ["城东街道", "城西街道", "城南街道", "城北街道", "新城街道", "滨河街道"];

    public static readonly string[] GeneratedTownStems =
    [
        "青石", "白沙", "柳溪", "双河", "桃源", "石桥", "清泉", "杨庄", "王集", "马店",
        "黄岗", "李集", "高庄", "新店", "梅林", "竹园", "凤岭", "河口", "三里", "东湖",
    ];

    // Stems for villages (村) and communities (社区); names are composed, so any match with a real one is chance.
    public static readonly string[] SouthVillageStems =
    [
        "横溪坞", "石门", "竹林", "上舍", "高村", "大溪", "山河", "溪口", "塘浦", "剑山",
        "白杨", "赤坞", "景溪", "荆湾", "下汤", "龙王", "里庚", "黄墅", "马家", "西亩",
        "东山", "碧门", "三友", "南庄", "缘溪", "鹤溪", "桐坑", "杨家", "尚书圩", "双溪",
        "银坑", "大里", "茶山", "竹海", "枫树岭", "港口", "皈山", "河垓", "罗村", "吴村",
    ];

    public static readonly string[] NorthVillageStems =
    [
        "大官庄", "王家庄", "小埠", "西障", "前河", "后屯", "南泉", "北阁", "东岭", "龙湾",
        "马山", "丰城", "刘家庄", "孙家屯", "前庄", "后疃", "大桥", "西沟", "石泉", "东皋虞",
        "姜家埠", "河南", "西城", "高家", "黄家营", "杨家河", "北里", "南埠", "李家寨", "周家疃",
        "埠后", "泥沟", "梁家", "柳树", "徐家", "宋家庄", "七级", "林家", "顾家", "于家",
    ];

    public static readonly string[] CommunityStems =
    [
        "凤凰", "胜利", "桃源", "阳光", "城东", "竹韵", "文昌", "云鸿", "玉华", "新兴",
        "鹤山", "通达", "城南", "海湾", "泉城", "龙湖", "兴华", "宝龙", "文化", "福田",
        "锦绣", "和平", "康宁", "春晖", "金山", "滨河", "育才", "柳岸", "紫薇", "长安",
    ];

    public static readonly string[] DirectionPrefixes = ["东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "新"];

    public static readonly string[] Sites = ["工业园区", "工业区", "创业园", "", "", "经济园"];

    public static readonly string[] BrandCharacters =
    [
        "恒", "晟", "聚", "丰", "鑫", "华", "瑞", "泰", "宏", "达", "源", "盛", "隆", "兴", "祥", "嘉",
        "润", "德", "诚", "信", "宇", "辰", "翔", "益", "和", "顺", "康", "锦", "琪", "森", "竹", "绿",
        "青", "晨", "阳", "明", "新", "正", "通", "远", "博", "创", "旺", "富", "安", "金", "海", "峰",
    ];

    // Real county-level region codes: the synthetic counties beyond the first two borrow these for their credit codes.
    public static readonly string[] ZhejiangCounties =
    [
        "330522", "330521", "330502", "330503", "330122", "330127", "330182", "330681", "330683", "330624",
        "330781", "330782", "330783", "330784", "330723", "330726", "331022", "331023", "331081", "330326",
        "330327", "330381", "330382", "331121", "330824", "330825",
    ];

    public static readonly string[] ShandongCounties =
    [
        "370281", "370283", "370285", "370211", "370214", "370683", "370686", "370781", "370783", "370785",
        "371321", "371322", "371323", "371324", "371325", "371326", "371327", "371328", "371329", "371121",
        "371122", "371521", "371522", "371621", "371721", "371722", "371723", "371724", "371725", "371726",
    ];

    private static readonly string[] AnhuiCounties =
    [
        "341821", "341823", "341881", "340121", "341221", "341222", "341226", "341282", "341321", "341322",
        "341323", "341324", "341621", "341622", "341623", "340421", "341125", "341522", "341524",
    ];

    private static readonly string[] JiangsuCounties =
    [
        "320281", "320282", "320321", "320322", "320324", "320381", "320382", "321322", "321323", "321324",
        "320826", "320830",
    ];

    private static readonly string[] JiangxiCounties = ["360321", "360423", "360424", "361127", "361128", "361129"];

    private static readonly string[] HenanCounties =
    [
        "410221", "410222", "411421", "411422", "411423", "411424", "411425", "411426", "411621", "411622",
        "411623", "411624", "411625", "411627", "411628", "411721", "411722", "411723", "411724", "411725",
        "411726", "411727", "411728", "411729", "411521", "411522", "411523", "411524", "411525", "411526",
        "411527", "411528",
    ];

    private static readonly string[] HebeiCounties =
    [
        "130424", "130425", "130426", "130427", "130431", "130432", "130433", "130434", "130435", "131121",
        "131122", "131123", "131124",
    ];

    /// <summary>Where workers' ID numbers were issued: the home province mostly, else a neighbouring one.</summary>
    public static WeightedTable<string[]> HomeRegions(CountyModel model) => model switch
    {
        CountyModel.Anji => AnjiHomeRegions,
        _ => JimoHomeRegions,
    };

    private static readonly WeightedTable<string[]> AnjiHomeRegions = new(
        (ZhejiangCounties, 58), (AnhuiCounties, 22), (JiangsuCounties, 10), (JiangxiCounties, 10));

    private static readonly WeightedTable<string[]> JimoHomeRegions = new(
        (ShandongCounties, 62), (HenanCounties, 20), (HebeiCounties, 8), (JiangsuCounties, 5), (AnhuiCounties, 5));

    public static WeightedTable<SyntheticIndustry> Industries(CountyModel model) => model switch
    {
        CountyModel.Anji => AnjiIndustries,
        _ => JimoIndustries,
    };

    private static readonly WeightedTable<SyntheticIndustry> AnjiIndustries = new(
        (SyntheticIndustry.Bamboo, 30), (SyntheticIndustry.Furniture, 30), (SyntheticIndustry.Tea, 12),
        (SyntheticIndustry.Textiles, 12), (SyntheticIndustry.Construction, 16));

    private static readonly WeightedTable<SyntheticIndustry> JimoIndustries = new(
        (SyntheticIndustry.Garments, 35), (SyntheticIndustry.Machinery, 25), (SyntheticIndustry.Food, 15),
        (SyntheticIndustry.Electronics, 12), (SyntheticIndustry.Construction, 13));

    /// <summary>The trade words that go between the brand and 有限公司.</summary>
    public static string[] TradeWords(SyntheticIndustry industry) => industry switch
    {
        SyntheticIndustry.Bamboo => ["竹木制品", "竹业科技", "竹制品", "竹纤维制品"],
        SyntheticIndustry.Tea => ["茶业", "白茶开发", "茶叶"],
        SyntheticIndustry.Furniture => ["椅业", "家具", "办公家具", "座椅部件"],
        SyntheticIndustry.Textiles => ["纺织", "家纺", "织造"],
        SyntheticIndustry.Construction => ["建设工程", "建筑劳务", "装饰工程"],
        SyntheticIndustry.Garments => ["服饰", "针织", "制衣", "时装"],
        SyntheticIndustry.Machinery => ["机械", "精密机械", "机械制造", "汽车零部件"],
        SyntheticIndustry.Food => ["食品", "海洋食品", "农产品加工"],
        _ => ["电子", "电子科技", "光电科技"],
    };

    /// <summary>How a case description refers to the employer without naming it (某竹木公司).</summary>
    public static string Anonymised(SyntheticIndustry industry) => industry switch
    {
        SyntheticIndustry.Bamboo => "某竹木公司",
        SyntheticIndustry.Tea => "某茶业公司",
        SyntheticIndustry.Furniture => "某椅业公司",
        SyntheticIndustry.Textiles => "某纺织公司",
        SyntheticIndustry.Construction => "某建筑公司",
        SyntheticIndustry.Garments => "某服饰公司",
        SyntheticIndustry.Machinery => "某机械公司",
        SyntheticIndustry.Food => "某食品公司",
        _ => "某电子公司",
    };
}
