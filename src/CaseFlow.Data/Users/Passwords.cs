using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseFlow.Data.Users;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2; the format records its own parameters).</summary>
public sealed class Passwords
{
    // The hasher's user argument only matters to custom hashers; the default one ignores it.
    private static readonly object Anyone = new();

    private readonly PasswordHasher<object> _hasher;
    private readonly Lazy<string> _decoy;

    public Passwords(IOptions<PasswordHasherOptions>? options = null)
    {
        _hasher = new PasswordHasher<object>(options);
        _decoy = new Lazy<string>(() => Hash(Guid.NewGuid().ToString("N")));
    }

    public string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return _hasher.HashPassword(Anyone, password);
    }

    /// <summary>Whether <paramref name="password"/> matches; a hash that cannot be read matches nothing.</summary>
    public PasswordVerificationResult Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(Anyone, hash, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>
    /// Spends the time a real check would, so an unknown username cannot be told from a wrong password by how long
    /// the answer takes.
    /// </summary>
    public void VerifyNothing(string password) => _hasher.VerifyHashedPassword(Anyone, _decoy.Value, password);
}
