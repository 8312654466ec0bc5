namespace CaseFlow.Synthetic;

/// <summary>
/// Independent random streams from one seed. Fixed arithmetic, never a hash code, so a seed means the same data
/// in every process.
/// </summary>
internal static class Seeds
{
    public const int Counties = 1;
    public const int Cases = 2;
    public const int People = 3;

    public static Random Stream(int seed, int county, int purpose)
    {
        unchecked
        {
            var mixed = (seed * 1_000_003) ^ (county * 7_919) ^ (purpose * 104_729);
            mixed ^= mixed >> 15;
            mixed *= 668_265_263;
            mixed ^= mixed >> 13;
            return new Random(mixed & int.MaxValue);
        }
    }
}
