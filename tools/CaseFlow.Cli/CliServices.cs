using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Ledgers;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Reports;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Synthetic.Loading;

namespace CaseFlow.Cli;

/// <summary>
/// The data services a command uses, composed as the web host composes them: the grading thresholds and time limits
/// of the host's settings (<see cref="CliSettings"/>), and the working-day calendar the database holds.
/// </summary>
internal sealed class CliServices
{
    private readonly Lazy<Passwords> _passwords = new(() => new Passwords());

    public CliServices(DatabaseOptions options, CliEnvironment environment, CliSettings? settings = null)
    {
        Settings = settings ?? CliSettings.Defaults;
        Environment = environment;
        var time = environment.Time;
        Database = new Database(options);
        Orgs = new OrgStore(Database, time);
        Users = new UserStore(Database, time);
        Audit = new AuditWriter(Database, time);
        Store = new CaseStore(Database, time);
        Grader = new RiskGrader(Settings.Grading);
        CalendarStore = new CalendarStore(Database, time);
        Calendars = new CalendarCache(CalendarStore);
        Calculator = new DeadlineCalculator(() => Calendars.Snapshot.Calendar, Settings.TimeLimits);
        Planner = new DeadlinePlanner(Calculator);
        Queries = new CaseQueries(Database, Store, Audit, Calculator, time);
        Batch = new CaseBatchCommands(Database, Store, Orgs, Grader, Planner, time);
    }

    public CliEnvironment Environment { get; }

    public CliSettings Settings { get; }

    public CalendarStore CalendarStore { get; }

    /// <summary>The calendar limits are computed on; read by <see cref="EnsureMigratedAsync"/>.</summary>
    public CalendarCache Calendars { get; }

    public DeadlineRecomputer Recomputer => new(Database, Store, Planner);

    public TimeProvider Time => Environment.Time;

    public Database Database { get; }

    public OrgStore Orgs { get; }

    public UserStore Users { get; }

    public AuditWriter Audit { get; }

    public CaseStore Store { get; }

    public RiskGrader Grader { get; }

    public DeadlineCalculator Calculator { get; }

    public DeadlinePlanner Planner { get; }

    public CaseQueries Queries { get; }

    public CaseBatchCommands Batch { get; }

    public Passwords Passwords => _passwords.Value;

    public SyntheticCaseLoader Loader => new(Database, Grader, Planner, Time);

    public LedgerImporter Importer => new(Database, Batch, Time);

    public LedgerExporter Exporter => new(Database, Queries, Audit);

    public MonthlyReportQuery Reports => new(Database);

    /// <summary>The operator at this machine, for the audit log, when no --user is named.</summary>
    public AuditActor Operator => new(null, $"cli:{Environment.OperatorName}");

    /// <summary>Refuses to work on a database whose schema is behind this build.</summary>
    public async Task EnsureMigratedAsync(CancellationToken ct)
    {
        var status = await new MigrationRunner(Database, Time).StatusAsync(ct);
        if (!status.IsUpToDate)
        {
            throw new CliFailure(
                $"The database schema is not up to date ({status.Pending.Count} migrations pending): run `caseflow db migrate` with the same --provider and --connection first.");
        }

        await Calendars.RefreshAsync(ct);
    }

    /// <summary>The active user named <paramref name="username"/>, with a case-working role when <paramref name="needsCaseRole"/>.</summary>
    public async Task<UserAccount> UserAsync(string username, bool needsCaseRole, CancellationToken ct)
    {
        var user = await Users.FindByUsernameAsync(username, ct) ?? throw new CliFailure($"There is no user '{username}'.");
        if (!user.IsActive)
        {
            throw new CliFailure($"User '{user.Username}' is deactivated.");
        }

        if (needsCaseRole && !user.Roles.Any(CliRoles.CaseWork.Contains))
        {
            throw new CliFailure($"User '{user.Username}' ({string.Join(", ", user.Roles)}) cannot work on cases: that takes {string.Join(", ", CliRoles.CaseWork)}.");
        }

        return user;
    }

    /// <summary>The actor for case work: the named user in their jurisdiction, or the operator over the whole database.</summary>
    public async Task<CaseActor> ActorAsync(string? username, CancellationToken ct)
    {
        if (username is null)
        {
            return new CaseActor(null, Operator.Username, "/");
        }

        var user = await UserAsync(username, needsCaseRole: true, ct);
        return new CaseActor(user.Id, user.Username, user.Unit.Path);
    }
}

/// <summary>The role names stored in user_roles, as the web host's Roles defines them (DESIGN §2, §8).</summary>
internal static class CliRoles
{
    public const string Mediator = "mediator";
    public const string Township = "township";
    public const string Manager = "manager";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Mediator, Township, Manager, Admin, Auditor];

    /// <summary>Who may register and act on cases, and see personal numbers (each reveal audited).</summary>
    public static IReadOnlyList<string> CaseWork { get; } = [Mediator, Township, Manager];
}
