namespace CaseFlow.Domain.Grading;

/// <summary>Facts about a dispute, beyond the money, that raise its risk colour on their own.</summary>
[Flags]
public enum RiskSignals
{
    None = 0,

    /// <summary>欠薪逃匿: the employer or its managers have disappeared owing wages.</summary>
    EmployerAbsconded = 1,

    /// <summary>停工停产: the employer has stopped production.</summary>
    ProductionStopped = 2,

    /// <summary>群体性事件: workers have gathered, petitioned or blocked roads.</summary>
    CollectiveAction = 4,

    /// <summary>An order to pay (责令支付) was not complied with within 5 days.</summary>
    OrderToPayIgnored = 8,
}
