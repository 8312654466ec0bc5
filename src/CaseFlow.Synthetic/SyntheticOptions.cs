namespace CaseFlow.Synthetic;

/// <summary>What to generate: how many counties, how big, and from which seed.</summary>
public sealed class SyntheticOptions
{
    /// <summary>The same seed always gives the same counties, enterprises, people and cases.</summary>
    public int Seed { get; init; } = 20_260_101;

    /// <summary>County 1 is modelled on Anji, county 2 on Jimo; further counties alternate the two.</summary>
    public int Counties { get; init; } = 2;

    /// <summary>The id of county 1's unit; every further unit takes the next id.</summary>
    public long FirstUnitId { get; init; } = 1;

    /// <summary>The id of the first enterprise; every further enterprise takes the next id.</summary>
    public long FirstEnterpriseId { get; init; } = 1;

    /// <summary>180 by default, a quarter of them with a mediation group: Jimo's 45 enterprise groups.</summary>
    public int EnterprisesPerCounty { get; init; } = 180;

    /// <summary>The share of enterprises with their own mediation group (an enterprise-kind org unit).</summary>
    public double MediationGroupShare { get; init; } = 0.25;

    public int MinVillagesPerTown { get; init; } = 3;

    public int MaxVillagesPerTown { get; init; } = 5;

    /// <summary>What is wrong with these options, one sentence per problem; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        void Require(bool ok, FormattableString problem)
        {
            if (!ok)
            {
                problems.Add(FormattableString.Invariant(problem));
            }
        }

        Require(Counties >= 1, $"{nameof(Counties)} must be at least 1 (is {Counties}).");
        Require(FirstUnitId >= 1, $"{nameof(FirstUnitId)} must be at least 1 (is {FirstUnitId}).");
        Require(FirstEnterpriseId >= 1, $"{nameof(FirstEnterpriseId)} must be at least 1 (is {FirstEnterpriseId}).");
        Require(EnterprisesPerCounty >= 1, $"{nameof(EnterprisesPerCounty)} must be at least 1 (is {EnterprisesPerCounty}).");
        Require(
            MediationGroupShare is >= 0 and <= 1,
            $"{nameof(MediationGroupShare)} must lie within 0–1 (is {MediationGroupShare}).");
        Require(MinVillagesPerTown >= 1, $"{nameof(MinVillagesPerTown)} must be at least 1 (is {MinVillagesPerTown}).");
        Require(
            MaxVillagesPerTown >= MinVillagesPerTown,
            $"{nameof(MaxVillagesPerTown)} ({MaxVillagesPerTown}) must not be below {nameof(MinVillagesPerTown)} ({MinVillagesPerTown}).");

        return problems;
    }
}
