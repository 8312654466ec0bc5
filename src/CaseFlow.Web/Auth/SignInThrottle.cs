using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Auth;

/// <summary>
/// What stands between a password guesser and the accounts. Three parts, so that nobody can lock someone else out:
/// <list type="bullet">
/// <item>per address: ASP.NET Core's rate limiter on the sign-in endpoints (<see cref="PerAddressPolicy"/>), against
/// one machine trying many accounts;</item>
/// <item>per account: a limiter keyed by the username tried, whatever the address, against many machines trying one;</item>
/// <item>lockout per account and address: <see cref="AuthOptions.MaxFailedAttempts"/> wrong passwords from one
/// address lock the account for <see cref="AuthOptions.Lockout"/> from that address only, so five requests from an
/// attacker do not keep the account's owner out.</item>
/// </list>
/// The limiters and the lockouts live in each node's memory: a restart forgets them, and behind a load balancer
/// each node counts on its own.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    public const string PerAddressPolicy = "sign-in-per-address";

    private const int MaxTrackedLockouts = 100_000;

    private readonly TimeProvider _time;
    private readonly AuthOptions _options;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly ConcurrentDictionary<(long UserId, string Address), Failures> _failures = new();

    public SignInThrottle(IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        var permits = _options.SignInPermitsPerAccountPerMinute;
        _perAccount = PartitionedRateLimiter.Create<string, string>(username => RateLimitPartition.GetSlidingWindowLimiter(
            username, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
            }));
    }

    /// <summary>Takes one attempt for the username (case-insensitive); false when the account has had too many just now.</summary>
    public bool TryAttempt(string username)
    {
        using var lease = _perAccount.AttemptAcquire(username.ToUpperInvariant());
        return lease.IsAcquired;
    }

    /// <summary>Until when the account is locked for sign-ins from this address, or null.</summary>
    public DateTimeOffset? LockedUntil(long userId, string? address) =>
        _failures.TryGetValue((userId, address ?? ""), out var f) && f.LockedUntil > _time.GetUtcNow() ? f.LockedUntil : null;

    /// <summary>Counts a wrong password from this address; the count and, once it reaches the limit, the lock.</summary>
    /// <returns>The failures in a row from this address, the lock's end, and whether this failure started the lock.</returns>
    public (int FailedLoginCount, DateTimeOffset? LockedUntil, bool Locked) RecordFailure(long userId, string? address)
    {
        var now = _time.GetUtcNow();
        if (_failures.Count > MaxTrackedLockouts)
        {
            Forget(now);
        }

        var started = false;
        var f = _failures.AddOrUpdate(
            (userId, address ?? ""),
            _ => Next(new Failures(0, null), now, ref started),
            (_, old) => Next(old, now, ref started));
        return (f.Count, f.LockedUntil, started);
    }

    /// <summary>The right password from this address: its count starts again.</summary>
    public void RecordSuccess(long userId, string? address) => _failures.TryRemove((userId, address ?? ""), out _);

    public void Dispose() => _perAccount.Dispose();

    /// <summary>The per-address policy on the sign-in endpoints: POSTs only (reading the form is free), keyed by the client's address.</summary>
    internal static void AddPolicy(RateLimiterOptions limiter, AuthOptions auth)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(PerAddressPolicy, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.SignInPermitsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = (context, _) => new ValueTask(
            TooManyAsync(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1)));
    }

    /// <summary>The 429 answer, in the caller's language, with when to try again.</summary>
    internal static Task TooManyAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TooMany(http, seconds).ExecuteAsync(http);
    }

    internal static IResult TooMany(HttpContext http, int retryAfterSeconds)
    {
        var english = RequestLanguage.Of(http.Request) == MessageLanguage.English;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: english ? "Too many sign-in attempts. Wait a moment and try again." : "登录尝试过于频繁，请稍后再试。",
            detail: english ? $"Try again in {retryAfterSeconds} seconds." : $"请在 {retryAfterSeconds} 秒后重试。");
    }

    private Failures Next(Failures old, DateTimeOffset now, ref bool started)
    {
        // A lock that has run out starts the count afresh.
        var count = old.LockedUntil is { } until && until <= now ? 1 : old.Count + 1;
        if (old.LockedUntil > now)
        {
            return old;
        }

        if (count >= _options.MaxFailedAttempts)
        {
            started = true;
            return new Failures(count, now + _options.Lockout);
        }

        return new Failures(count, null);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures)
        {
            if (f.LockedUntil is null || f.LockedUntil <= now)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil);
}
