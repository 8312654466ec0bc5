namespace CaseFlow.Domain.Cases;

/// <summary>The argument of ExtendDeadline: how many days, and whether each party's consent is recorded.</summary>
public readonly record struct DeadlineExtension(int Days, bool WorkerConsented, bool EmployerConsented);
