namespace CaseFlow.Synthetic;

/// <summary>Common surnames, roughly by frequency, and given-name characters.</summary>
internal static class Names
{
    private const string SurnamesByRank =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤";

    private const string MaleCharacters = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国文志海东峰成亮晨昊博庆兵振永春";

    private const string FemaleCharacters = "芳娜敏静丽艳娟霞燕玲桂英秀兰萍红梅琳雪婷倩颖慧莉洁蓉晶欢月琴云凤佳丹璐悦";

    public static readonly WeightedTable<char> Surnames = BuildSurnames();

    private static WeightedTable<char> BuildSurnames()
    {
        // A Zipf-like fall-off: the first few surnames cover a large share, as they do in China.
        var entries = new (char, double)[SurnamesByRank.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = (SurnamesByRank[i], 1d / (i + 4));
        }

        return new WeightedTable<char>(entries);
    }

    public static string Next(Random random, bool male)
    {
        var pool = male ? MaleCharacters : FemaleCharacters;
        var surname = Surnames.Pick(random);
        var first = pool[random.Next(pool.Length)];
        if (random.NextDouble() < 0.35)
        {
            return string.Create(2, (surname, first), static (span, s) =>
            {
                span[0] = s.surname;
                span[1] = s.first;
            });
        }

        var second = pool[random.Next(pool.Length)];
        return string.Create(3, (surname, first, second), static (span, s) =>
        {
            span[0] = s.surname;
            span[1] = s.first;
            span[2] = s.second;
        });
    }
}
