using CaseFlow.Data.Cases;

namespace CaseFlow.Web.Cases;

/// <summary>
/// The key of the search by ID-card or phone number, bound from <see cref="SectionName"/>: <c>NumberHashKey</c>, at
/// least 32 random bytes in Base64 (<c>openssl rand -base64 32</c>). Keep it out of the database and the same on
/// every web node; changing it makes the stored hashes unfindable until they are recomputed (set both hash columns of
/// case_parties to NULL and restart: the start-up back-fill recomputes them).
/// </summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "PersonalData";

    public string? NumberHashKey { get; set; }

    public IReadOnlyList<string> Validate() => Key(out var problem) is null ? [problem!] : [];

    /// <summary>The key's bytes, or null with the reason it is not usable.</summary>
    public byte[]? Key(out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(NumberHashKey))
        {
            problem = $"{SectionName}:{nameof(NumberHashKey)} is required: at least {PartyNumbers.MinKeyBytes} random bytes in Base64 (openssl rand -base64 32).";
            return null;
        }

        var buffer = new byte[NumberHashKey.Length];
        if (!Convert.TryFromBase64String(NumberHashKey.Trim(), buffer, out var length))
        {
            problem = $"{SectionName}:{nameof(NumberHashKey)} is not Base64.";
            return null;
        }

        if (length < PartyNumbers.MinKeyBytes)
        {
            problem = $"{SectionName}:{nameof(NumberHashKey)} has {length} bytes; it needs at least {PartyNumbers.MinKeyBytes}.";
            return null;
        }

        return buffer[..length];
    }
}
