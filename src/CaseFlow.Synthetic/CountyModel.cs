namespace CaseFlow.Synthetic;

/// <summary>Which real county a synthetic county is modelled on: its ladder, industries and where its workers come from.</summary>
public enum CountyModel
{
    /// <summary>安吉县, Zhejiang: enterprise → village → town.</summary>
    Anji,

    /// <summary>即墨区, Shandong: enterprise group → town/street station → district room.</summary>
    Jimo,
}
