using System.CommandLine;
using System.Globalization;

namespace CaseFlow.Cli;

/// <summary>Options several commands share, with their parsing and one-line errors.</summary>
internal static class CliOptions
{
    /// <summary>A calendar date written yyyy-MM-dd.</summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM-dd",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"{name}: '{text}' is not a date written yyyy-MM-dd.");
            return null;
        },
    };

    /// <summary><c>--user</c>: who acts, within their jurisdiction; without it, the operator over the whole database.</summary>
    public static Option<string?> User(string acting) => new("--user")
    {
        Description = $"The user who {acting}: their unit and everything below it bounds what is touched, and the audit log names them. Without it, the operator acts over the whole database.",
    };

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static Option<int> Count(string name, string description, int defaultValue, int minimum = 0)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError($"{name} must be at least {minimum}.");
            }
        });
        return option;
    }
}
