namespace CaseFlow.Testing;

/// <summary>A TimeProvider the test moves by hand; the registry serves no TimeProvider.Testing package.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => CaseFlow.Domain.ChinaTime.Zone;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to;
}
