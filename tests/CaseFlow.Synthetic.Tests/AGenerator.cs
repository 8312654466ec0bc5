namespace CaseFlow.Synthetic.Tests;

/// <summary>Entry point for building a <see cref="SyntheticGenerator"/>: <c>AGenerator.WithSeed(7).WithCounties(3).Build()</c>.</summary>
internal static class AGenerator
{
    public static readonly DateOnly From = new(2025, 1, 1);
    public static readonly DateOnly To = new(2025, 12, 31);

    public static GeneratorBuilder WithSeed(int seed) => new GeneratorBuilder().WithSeed(seed);

    public static GeneratorBuilder WithCounties(int counties) => new GeneratorBuilder().WithCounties(counties);

    public static SyntheticGenerator Build() => new GeneratorBuilder().Build();
}

internal sealed class GeneratorBuilder
{
    private int _seed = 42;
    private int _counties = 2;
    private int _enterprises = 180;
    private long _firstUnitId = 1;
    private long _firstEnterpriseId = 1;

    public GeneratorBuilder WithSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    public GeneratorBuilder WithCounties(int counties)
    {
        _counties = counties;
        return this;
    }

    public GeneratorBuilder WithEnterprises(int perCounty)
    {
        _enterprises = perCounty;
        return this;
    }

    public GeneratorBuilder WithFirstIds(long unit, long enterprise)
    {
        _firstUnitId = unit;
        _firstEnterpriseId = enterprise;
        return this;
    }

    public SyntheticOptions Options() => new()
    {
        Seed = _seed,
        Counties = _counties,
        EnterprisesPerCounty = _enterprises,
        FirstUnitId = _firstUnitId,
        FirstEnterpriseId = _firstEnterpriseId,
    };

    public SyntheticGenerator Build() => new(Options());
}
