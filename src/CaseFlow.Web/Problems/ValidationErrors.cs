using System.Globalization;
using CaseFlow.Domain.Parties;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Problems;

/// <summary>One refused field: where (<c>workers[0].idNumber</c>), which message, and its arguments.</summary>
public sealed record FieldError(string Field, string Key, IReadOnlyList<object?> Arguments);

/// <summary>
/// Collects the field errors of one request and turns them into a 400 validation problem whose messages are in the
/// caller's language (see <see cref="RequestLanguage"/>). Format checks pass over empty values: pair them with
/// <see cref="Required(string, string?)"/> where the field is mandatory.
/// </summary>
public sealed class ValidationErrors
{
    private readonly List<FieldError> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>The path of a field inside a list item: <c>Item("workers", 0, "idNumber")</c> is <c>workers[0].idNumber</c>.</summary>
    public static string Item(string list, int index, string field) =>
        string.Create(CultureInfo.InvariantCulture, $"{list}[{index}].{field}");

    /// <summary>Records an error with any message of <see cref="ValidationMessages"/>.</summary>
    public ValidationErrors Add(string field, string key, params object?[] arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _errors.Add(new FieldError(field, key, arguments));
        return this;
    }

    /// <returns>Whether the value is present (not null, empty or white space).</returns>
    public bool Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, ValidationMessages.Required);
            return false;
        }

        return true;
    }

    /// <returns>Whether the value is present.</returns>
    public bool Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, ValidationMessages.Required);
            return false;
        }

        return true;
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, ValidationMessages.TooLong, max);
        }
    }

    /// <summary>
    /// A name (a person's, an enterprise's): present, at most <paramref name="max"/> characters, with something
    /// visible in it, and no control characters.
    /// </summary>
    /// <returns>Whether the name is good.</returns>
    public bool Name(string field, string? value, int max)
    {
        if (!Required(field, value))
        {
            return false;
        }

        var before = _errors.Count;
        MaxLength(field, value, max);
        if (Text.HasControlCharacters(value))
        {
            Add(field, ValidationMessages.ControlCharacters);
        }
        else if (!Text.HasVisibleCharacter(value))
        {
            Add(field, ValidationMessages.InvisibleOnly);
        }

        return _errors.Count == before;
    }

    /// <summary>An amount of money: not negative, to the fen, at most <paramref name="max"/> yuan.</summary>
    public void Money(string field, decimal? value, decimal max)
    {
        Amount(field, value);
        if (value > max)
        {
            Add(field, ValidationMessages.AmountTooLarge, max.ToString("#,0", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A calendar date between <paramref name="earliest"/> and <paramref name="latest"/>, both included.</summary>
    public void DateWithin(string field, DateOnly? value, DateOnly earliest, DateOnly latest)
    {
        if (value is { } v && (v < earliest || v > latest))
        {
            Add(
                field,
                ValidationMessages.DateOutOfRange,
                earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    public void InRange(string field, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, ValidationMessages.OutOfRange, min, max);
        }
    }

    public void NotNegative(string field, decimal? value)
    {
        if (value < 0)
        {
            Add(field, ValidationMessages.Negative);
        }
    }

    public void AtMostTwoDecimals(string field, decimal? value)
    {
        if (value is { } v && decimal.Round(v, 2) != v)
        {
            Add(field, ValidationMessages.TooManyDecimals);
        }
    }

    /// <summary>An amount of money or months: not negative, to the hundredth.</summary>
    public void Amount(string field, decimal? value)
    {
        NotNegative(field, value);
        AtMostTwoDecimals(field, value);
    }

    public void OneOf(string field, string? value, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (!string.IsNullOrEmpty(value) && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Add(field, ValidationMessages.UnknownValue, string.Join(", ", allowed));
        }
    }

    /// <param name="today">China date; birth dates after it are refused.</param>
    public void ResidentId(string field, string? value, DateOnly today) =>
        Identifier(field, value, v => Domain.Parties.ResidentId.Check(v, today), ValidationMessages.ForResidentId);

    /// <summary>
    /// An identity document of <paramref name="type"/>: the number's check rule, and a passport's country (reported
    /// on <paramref name="countryField"/>). For <see cref="IdDocumentType.None"/>, a number given is refused.
    /// </summary>
    public void Document(string numberField, string countryField, IdDocumentType type, string? number, string? country, DateOnly today)
    {
        if (IdentityDocument.Check(type, number, country, today) is { } problem)
        {
            var key = ValidationMessages.ForDocument(Data.DbCode.Of(type), problem);
            Add(problem is IdentifierProblem.CountryMissing or IdentifierProblem.BadCountry ? countryField : numberField, key);
        }
    }

    public void Mobile(string field, string? value) =>
        Identifier(field, value, MobileNumber.Check, ValidationMessages.ForMobile);

    public void CreditCode(string field, string? value) =>
        Identifier(field, value, Domain.Parties.CreditCode.Check, ValidationMessages.ForCreditCode);

    /// <param name="today">China date (<see cref="Domain.ChinaTime.DateOf"/> of the request time).</param>
    public void NotInFuture(string field, DateOnly? value, DateOnly today)
    {
        if (value > today)
        {
            Add(field, ValidationMessages.DateInFuture);
        }
    }

    public void NotBefore(string field, DateOnly? value, DateOnly earliest)
    {
        if (value < earliest)
        {
            Add(field, ValidationMessages.DateTooFarInPast, earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The 400 problem for these errors in the language the request prefers.</summary>
    public ValidationProblem ToProblem(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ToProblem(RequestLanguage.Of(context.Request));
    }

    /// <summary>
    /// The 400 problem: <c>errors</c> maps each field to its messages; <c>errorCodes</c> maps it to the message keys,
    /// for clients that show their own text.
    /// </summary>
    public ValidationProblem ToProblem(MessageLanguage language)
    {
        if (IsEmpty)
        {
            throw new InvalidOperationException("There are no errors to report.");
        }

        var byField = _errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToList();
        var messages = byField.ToDictionary(
            g => g.Key, g => g.Select(e => ValidationMessages.Format(e.Key, language, e.Arguments)).ToArray(), StringComparer.Ordinal);
        var codes = byField.ToDictionary(g => g.Key, g => g.Select(e => e.Key).ToArray(), StringComparer.Ordinal);
        var title = language == MessageLanguage.English ? "One or more fields are not valid." : "提交的数据有误，请修改后重试。";
        return TypedResults.ValidationProblem(messages, title: title, extensions: new Dictionary<string, object?> { ["errorCodes"] = codes });
    }

    /// <summary>
    /// The same problem answered 422: the request is well formed but cannot be carried out as it stands (a scheme whose
    /// points do not add up, a county without a ladder). Same <c>errors</c> and <c>errorCodes</c> as the 400.
    /// </summary>
    public ProblemHttpResult ToUnprocessable(HttpContext context)
    {
        var problem = ToProblem(context).ProblemDetails;
        problem.Status = StatusCodes.Status422UnprocessableEntity;
        problem.Type = "https://tools.ietf.org/html/rfc4918#section-11.2";
        return TypedResults.Problem(problem);
    }

    private void Identifier(string field, string? value, Func<string, IdentifierProblem?> check, Func<IdentifierProblem, string> keyFor)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (check(value) is { } problem)
        {
            Add(field, keyFor(problem));
        }
    }
}
