using CaseFlow.Data.Users;

namespace CaseFlow.Data.Tests.Users;

/// <summary>A user to create through <see cref="UserStore"/>; every call gives a fresh username.</summary>
public sealed record AUser
{
    private static int _sequence;

    public required long UnitId { get; init; }

    public string Username { get; init; } = $"user{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}"[..24];

    public string DisplayName { get; init; } = "王调解";

    public string PasswordHash { get; init; } = "AQAAAAIAAYagAAAAEFakeHashForStoreTestsOnly==";

    public IReadOnlyList<string> Roles { get; init; } = ["mediator"];

    public static AUser At(long unitId) => new() { UnitId = unitId };

    public AUser Named(string username) => this with { Username = username };

    public AUser WithRoles(params string[] roles) => this with { Roles = roles };

    public NewUser Build() => new(Username, DisplayName, PasswordHash, UnitId, Roles);

    public Task<long> CreateAsync(Database database, UserStore store) =>
        database.InTransactionAsync((connection, transaction) => store.CreateAsync(connection, transaction, Build()));
}
