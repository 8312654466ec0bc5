using System.Globalization;

namespace CaseFlow.Domain.Grading;

/// <summary>Numbers as rule sentences print them: no trailing zeros, thousands separated, the same in every culture.</summary>
internal static class Figures
{
    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
