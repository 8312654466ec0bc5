using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Data.Tests.Builders;

/// <summary>The case services wired as the web host wires them, on one database and one clock.</summary>
public sealed class CaseServices
{
    public CaseServices(Database db, TimeProvider clock)
    {
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        Store = new CaseStore(db, clock);
        Commands = new CaseCommands(db, Store, new OrgStore(db, clock), new RiskGrader(new GradingOptions()), new DeadlinePlanner(calculator), clock);
        Queries = new CaseQueries(db, Store, new AuditWriter(db, clock), calculator, clock);
    }

    public CaseStore Store { get; }

    public CaseCommands Commands { get; }

    public CaseQueries Queries { get; }
}
