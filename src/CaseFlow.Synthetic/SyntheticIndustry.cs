namespace CaseFlow.Synthetic;

/// <summary>What a synthetic enterprise makes or does; Anji-model counties lean to bamboo and chairs, Jimo-model ones to garments and machinery.</summary>
public enum SyntheticIndustry
{
    Bamboo,
    Tea,
    Furniture,
    Textiles,
    Construction,
    Garments,
    Machinery,
    Food,
    Electronics,
}
