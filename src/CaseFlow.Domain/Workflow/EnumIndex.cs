using System.Runtime.CompilerServices;

namespace CaseFlow.Domain.Workflow;

/// <summary>Maps an int-backed enum to an array index without boxing.</summary>
internal static class EnumIndex<T>
    where T : struct, Enum
{
    /// <summary>The defined values, in ascending order.</summary>
    public static readonly T[] Values = Enum.GetValues<T>();

    /// <summary>Why the enum cannot index an array, or null when it can.</summary>
    public static readonly string? Problem = FindProblem();

    /// <summary>One more than the largest defined value: the length of an array indexed by the enum.</summary>
    public static readonly int Length = Problem is null && Values.Length > 0 ? Of(Values[^1]) + 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(T value) => Unsafe.As<T, int>(ref value);

    private static string? FindProblem()
    {
        if (Enum.GetUnderlyingType(typeof(T)) != typeof(int))
        {
            return $"{typeof(T).Name} must have int as its underlying type.";
        }

        foreach (var value in Values)
        {
            // Values are sorted as unsigned, so a negative one would land last; check every one.
            if (Of(value) is < 0 or > 4096)
            {
                return $"{typeof(T).Name}.{value} = {Of(value)}: values must lie in 0..4096 to index an array.";
            }
        }

        return null;
    }
}
