namespace CaseFlow.Data.Tests.Infrastructure;

/// <summary>
/// Base of the provider matrix: a test class derives from this once, generic in its fixture, and gets one
/// sealed subclass per provider, e.g. <c>SqliteFooTests : FooTests&lt;SqliteTestDatabase&gt;</c>. Its tests use
/// <see cref="DatabaseFactAttribute"/> so they are reported as skipped where the provider is unavailable.
/// </summary>
public abstract class DatabaseTests<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    protected TDatabase Fixture { get; } = fixture;

    protected Database Db => Fixture.Database;

    protected SqlDialect Dialect => Db.Dialect;
}
