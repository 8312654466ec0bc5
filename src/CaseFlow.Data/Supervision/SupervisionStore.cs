using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Partners;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Supervision;
using Dapper;

namespace CaseFlow.Data.Supervision;

/// <summary>A supervision to open: its level, what is required, and the date feedback is due (China date).</summary>
public sealed record NewSupervision(SupervisionLevel Level, string Requirement, DateOnly FeedbackDueOn);

/// <summary>A feedback of the handling unit: what was done, and how far it got.</summary>
public sealed record NewFeedback(string ActionTaken, string Progress);

/// <summary>The manager's evaluation: satisfied closes; not satisfied sends it back with a new feedback date.</summary>
public sealed record SupervisionEvaluation(bool Satisfied, string? Comment, DateOnly? NewFeedbackDueOn);

/// <summary>One feedback as the case page and the API show it.</summary>
public sealed record SupervisionFeedbackView(long Id, int Round, DateTimeOffset At, string By, string UnitName, string ActionTaken, string Progress);

/// <summary>A supervision with its feedback; <see cref="Overdue"/> when it waits for feedback past its date.</summary>
public sealed record SupervisionView(
    long Id,
    long CaseId,
    string CaseNumber,
    long UnitId,
    string UnitName,
    SupervisionLevel Level,
    string Requirement,
    SupervisionStatus Status,
    int Round,
    DateOnly FeedbackDueOn,
    bool Overdue,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? ClosedAt,
    bool? Satisfied,
    string? EvaluationComment,
    IReadOnlyList<SupervisionFeedbackView> Feedbacks);

/// <summary>Which supervisions a list holds: all, the ones not closed, or those waiting for feedback past the date; of one handling unit or all.</summary>
public sealed record SupervisionFilter(bool OpenOnly = false, bool OverdueOnly = false, long? UnitId = null);

/// <summary>One unit's line of the dashboard's supervision section.</summary>
public sealed record SupervisionUnitFigures(long UnitId, string UnitName, int Open, int Overdue);

/// <summary>What became of a feedback or an evaluation.</summary>
public enum SupervisionOutcome
{
    Done,

    /// <summary>No such supervision on this case.</summary>
    NotFound,

    /// <summary>The supervision is closed: nothing more is fed back or evaluated.</summary>
    Closed,

    /// <summary>An evaluation before any feedback of the current round.</summary>
    NoFeedbackYet,

    /// <summary>The case is already under a supervision that is not closed.</summary>
    AlreadyOpen,

    /// <summary>Sent back the most times a supervision may be.</summary>
    TooManyRounds,
}

/// <summary>
/// Supervision (督办, DESIGN §9): data beside the workflow. A manager opens it on a case they act on; the unit
/// handling the case feeds back; the manager evaluates, closing it or sending it back with a new date. Every change
/// writes its timeline entry (case_activities), its notices and its audit row in one transaction, and never touches
/// the case's state. Who may do what by role is the web layer's; which case is in reach is <see cref="CaseVisibility"/>.
/// </summary>
public sealed class SupervisionStore(Database database, AuditWriter audit, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    private readonly string _insert = database.Dialect.InsertReturningId("""
        INSERT INTO supervisions (case_id, unit_id, level, requirement, status, round, feedback_due_on, opened_by_user_id, opened_at)
        VALUES (@CaseId, @UnitId, @Level, @Requirement, 'open', 1, @DueOn, @UserId, @Now)
        """);

    private readonly string _insertFeedback = database.Dialect.InsertReturningId("""
        INSERT INTO supervision_feedbacks (supervision_id, round, by_user_id, unit_id, at, action_taken, progress)
        VALUES (@SupervisionId, @Round, @UserId, @UnitId, @Now, @ActionTaken, @Progress)
        """);

    /// <summary>The China date today: a feedback date before it has passed.</summary>
    public DateOnly Today => ChinaTime.DateOf(time.GetUtcNow());

    /// <summary>Opens supervision on a case the actor acts on; the handling unit is told (SupervisionOpened, through the outbox).</summary>
    /// <returns>The new supervision's id, or null when the case is already under a supervision not closed.</returns>
    /// <exception cref="CaseNotFoundException">The actor does not act on the case.</exception>
    public Task<long?> OpenAsync(long caseId, NewSupervision supervision, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(supervision);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync<long?>(
            async (connection, transaction) =>
            {
                var target = await TargetAsync(connection, transaction, caseId, actor, ct);
                const string open = "SELECT COUNT(*) FROM supervisions WHERE case_id = @CaseId AND status <> 'closed'";
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(open, new { CaseId = caseId }, transaction, cancellationToken: ct)) > 0)
                {
                    return null;
                }

                var now = time.GetUtcNow();
                var level = DbCode.Of(supervision.Level);
                var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insert, new
                {
                    CaseId = caseId,
                    target.UnitId,
                    Level = level,
                    supervision.Requirement,
                    DueOn = supervision.FeedbackDueOn,
                    actor.UserId,
                    Now = now,
                }, transaction, cancellationToken: ct));
                await InsertDueDateAsync(connection, transaction, id, 1, supervision.FeedbackDueOn, ct);

                var due = supervision.FeedbackDueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var levelWords = supervision.Level == SupervisionLevel.Key ? "重点督办" : "一般督办";
                await PartnerStore.AppendAsync(connection, transaction, caseId, now, actor.UserId, null, "supervision_open",
                    $"{levelWords}，{due}前反馈：{supervision.Requirement}", ct);
                await Notices.WriteAsync(RowWriter.Dapper(connection, transaction), [new Notice(
                    target.UnitId, null, caseId, DbCode.Of(NoticeKind.SupervisionOpened),
                    $"案件{target.Number}已被县总工会{levelWords}，请于{due}前反馈：{Short(supervision.Requirement)}", now)], ct);
                await audit.WriteAsync(connection, transaction, actor.Audit, "supervision.open", "case", Id(caseId),
                    new { supervisionId = id, target.Number, level, dueOn = due, handlingUnitId = target.UnitId }, ct);
                return id;
            },
            ct);
    }

    /// <summary>
    /// A feedback by someone who acts on the case (the web layer admits the handling unit's mediators and township
    /// users); answers the round's date if it is the round's first. Repeatable until the supervision closes.
    /// </summary>
    /// <exception cref="CaseNotFoundException">The actor does not act on the case.</exception>
    public Task<SupervisionOutcome> FeedBackAsync(long caseId, long supervisionId, NewFeedback feedback, CaseActor actor, long actorUnitId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var target = await TargetAsync(connection, transaction, caseId, actor, ct);
                var row = await RowAsync(connection, transaction, caseId, supervisionId, ct);
                if (row is null)
                {
                    return SupervisionOutcome.NotFound;
                }

                if (row.Status == "closed")
                {
                    return SupervisionOutcome.Closed;
                }

                var now = time.GetUtcNow();
                var feedbackId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertFeedback, new
                {
                    SupervisionId = supervisionId,
                    row.Round,
                    actor.UserId,
                    UnitId = actorUnitId,
                    Now = now,
                    feedback.ActionTaken,
                    feedback.Progress,
                }, transaction, cancellationToken: ct));
                const string answer = """
                    UPDATE supervision_due_dates SET answered_at = @Now
                    WHERE supervision_id = @SupervisionId AND round = @Round AND answered_at IS NULL
                    """;
                await connection.ExecuteAsync(new CommandDefinition(answer, new { SupervisionId = supervisionId, row.Round, Now = now }, transaction, cancellationToken: ct));
                const string status = "UPDATE supervisions SET status = 'fed_back' WHERE id = @SupervisionId AND status <> 'closed'";
                await connection.ExecuteAsync(new CommandDefinition(status, new { SupervisionId = supervisionId }, transaction, cancellationToken: ct));

                await PartnerStore.AppendAsync(connection, transaction, caseId, now, actor.UserId, null, "supervision_feedback",
                    $"{feedback.ActionTaken}（进展：{feedback.Progress}）", ct);
                var late = Today > row.FeedbackDueOn;
                await audit.WriteAsync(connection, transaction, actor.Audit, "supervision.feedback", "case", Id(caseId),
                    new { supervisionId, feedbackId, target.Number, row.Round, late }, ct);
                return SupervisionOutcome.Done;
            },
            ct);
    }

    /// <summary>The manager's evaluation of a fed-back supervision: satisfied closes it, not satisfied sends it back with a new date.</summary>
    /// <exception cref="CaseNotFoundException">The actor does not act on the case.</exception>
    public Task<SupervisionOutcome> EvaluateAsync(long caseId, long supervisionId, SupervisionEvaluation evaluation, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var target = await TargetAsync(connection, transaction, caseId, actor, ct);
                var row = await RowAsync(connection, transaction, caseId, supervisionId, ct);
                if (row is null)
                {
                    return SupervisionOutcome.NotFound;
                }

                if (row.Status == "closed")
                {
                    return SupervisionOutcome.Closed;
                }

                if (row.Status != "fed_back")
                {
                    return SupervisionOutcome.NoFeedbackYet;
                }

                var now = time.GetUtcNow();
                if (evaluation.Satisfied)
                {
                    const string close = """
                        UPDATE supervisions SET status = 'closed', closed_at = @Now, closed_by_user_id = @UserId, satisfied = 1, evaluation_comment = @Comment
                        WHERE id = @SupervisionId AND status = 'fed_back'
                        """;
                    await connection.ExecuteAsync(new CommandDefinition(
                        close, new { SupervisionId = supervisionId, Now = now, actor.UserId, evaluation.Comment }, transaction, cancellationToken: ct));
                    await PartnerStore.AppendAsync(connection, transaction, caseId, now, actor.UserId, null, "supervision_closed",
                        evaluation.Comment is { Length: > 0 } c ? $"评价：满意，办结。{c}" : "评价：满意，办结。", ct);
                    await audit.WriteAsync(connection, transaction, actor.Audit, "supervision.close", "case", Id(caseId),
                        new { supervisionId, target.Number, satisfied = true, comment = evaluation.Comment }, ct);
                    return SupervisionOutcome.Done;
                }

                if (row.Round >= SupervisionLimits.MaxRounds)
                {
                    return SupervisionOutcome.TooManyRounds;
                }

                var dueOn = evaluation.NewFeedbackDueOn
                    ?? throw new ArgumentException("Sending a supervision back needs a new feedback date.", nameof(evaluation));
                var round = row.Round + 1;
                const string back = """
                    UPDATE supervisions SET status = 'open', round = @Round, feedback_due_on = @DueOn, satisfied = 0, evaluation_comment = @Comment
                    WHERE id = @SupervisionId AND status = 'fed_back'
                    """;
                await connection.ExecuteAsync(new CommandDefinition(
                    back, new { SupervisionId = supervisionId, Round = round, DueOn = dueOn, evaluation.Comment }, transaction, cancellationToken: ct));
                await InsertDueDateAsync(connection, transaction, supervisionId, round, dueOn, ct);
                var due = dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await PartnerStore.AppendAsync(connection, transaction, caseId, now, actor.UserId, null, "supervision_sent_back",
                    $"评价：不满意，退回重办，{due}前再次反馈。{evaluation.Comment}", ct);
                await Notices.WriteAsync(RowWriter.Dapper(connection, transaction), [new Notice(
                    row.UnitId, null, caseId, DbCode.Of(NoticeKind.SupervisionReminder),
                    $"案件{target.Number}的督办反馈未获认可，已退回重办，请于{due}前再次反馈：{Short(evaluation.Comment ?? "")}", now)], ct);
                await audit.WriteAsync(connection, transaction, actor.Audit, "supervision.send_back", "case", Id(caseId),
                    new { supervisionId, target.Number, satisfied = false, comment = evaluation.Comment, round, dueOn = due }, ct);
                return SupervisionOutcome.Done;
            },
            ct);
    }

    /// <summary>The supervisions of a case the viewer sees, newest first, each with its feedback; null when the case is not visible.</summary>
    public async Task<IReadOnlyList<SupervisionView>?> ForCaseAsync(long caseId, CaseViewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var sees = $"""
            SELECT COUNT(*) FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @Id AND {CaseVisibility.Sees(_dialect)}
            """;
        await using var connection = await database.OpenAsync(ct);
        var args = CaseVisibility.Bind(new DynamicParameters(new { Id = caseId }), viewer, _dialect);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(sees, args, cancellationToken: ct)) == 0)
        {
            return null;
        }

        return await OfVisibleCaseAsync(connection, caseId, ct);
    }

    /// <summary>The case's supervisions on the caller's connection, for a caller that has just checked the viewer may see the case.</summary>
    internal Task<IReadOnlyList<SupervisionView>> OfVisibleCaseAsync(DbConnection connection, long caseId, CancellationToken ct) =>
        ReadAsync(connection, "s.case_id = @CaseId", new DynamicParameters(new { CaseId = caseId, Today }), ct);

    /// <summary>
    /// The supervisions on the cases the viewer acts on (a manager: the county; a township or mediator: its inbox),
    /// overdue first, then by feedback date.
    /// </summary>
    public async Task<IReadOnlyList<SupervisionView>> ListAsync(CaseViewer viewer, SupervisionFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var conditions = new List<string> { $"EXISTS (SELECT 1 FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE c.id = s.case_id AND {CaseVisibility.Acts(_dialect)})" };
        if (filter.OpenOnly)
        {
            conditions.Add("s.status <> 'closed'");
        }

        if (filter.OverdueOnly)
        {
            conditions.Add("s.status = 'open' AND s.feedback_due_on < @Today");
        }

        if (filter.UnitId is not null)
        {
            conditions.Add("s.unit_id = @FilterUnitId");
        }

        var args = CaseVisibility.Bind(new DynamicParameters(new { Today, FilterUnitId = filter.UnitId }), viewer, _dialect);
        await using var connection = await database.OpenAsync(ct);
        var all = await ReadAsync(connection, string.Join(" AND ", conditions), args, ct);
        return [.. all.OrderByDescending(s => s.Overdue).ThenBy(s => s.Status == SupervisionStatus.Closed).ThenBy(s => s.FeedbackDueOn).ThenBy(s => s.Id)];
    }

    /// <summary>The dashboard's supervision figures under <paramref name="scopePath"/>: per unit supervised, those not closed and those overdue.</summary>
    public async Task<IReadOnlyList<SupervisionUnitFigures>> FiguresAsync(string scopePath, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT u.id AS UnitId, u.name AS UnitName,
                   SUM(CASE WHEN s.status <> 'closed' THEN 1 ELSE 0 END) AS OpenCount,
                   SUM(CASE WHEN s.status = 'open' AND s.feedback_due_on < @Today THEN 1 ELSE 0 END) AS OverdueCount
            FROM supervisions AS s JOIN org_units AS u ON u.id = s.unit_id
            WHERE s.status <> 'closed' AND {_dialect.SubtreeCondition("u.path")}
            GROUP BY u.id, u.name, u.path
            ORDER BY u.path
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<StoredFigures>(new CommandDefinition(
            sql, new { Today, SubtreePattern = _dialect.SubtreePattern(scopePath) }, cancellationToken: ct));
        return [.. rows.Select(r => new SupervisionUnitFigures(r.UnitId, r.UnitName, (int)r.OpenCount, (int)r.OverdueCount))];
    }

    /// <summary>
    /// Once per due date: each feedback date that passed unanswered while its supervision waits for feedback gets one
    /// <see cref="NoticeKind.SupervisionReminder"/> to the handling unit and one to the supervising manager's unit
    /// (through the outbox). The claim (reminded_at) is written with the notices, so a second run, or a second node,
    /// finds nothing to do.
    /// </summary>
    /// <returns>How many due dates were reminded.</returns>
    public async Task<int> RemindOverdueAsync(CancellationToken ct = default)
    {
        const string due = """
            SELECT d.supervision_id AS SupervisionId, d.round AS Round
            FROM supervision_due_dates AS d JOIN supervisions AS s ON s.id = d.supervision_id AND s.round = d.round
            WHERE d.answered_at IS NULL AND d.reminded_at IS NULL AND d.due_on < @Today AND s.status = 'open'
            ORDER BY d.due_on, d.supervision_id
            """;
        List<StoredDue> rows;
        await using (var connection = await database.OpenAsync(ct))
        {
            rows = [.. await connection.QueryAsync<StoredDue>(new CommandDefinition(due, new { Today }, cancellationToken: ct))];
        }

        var reminded = 0;
        foreach (var row in rows)
        {
            reminded += await database.InTransactionAsync(
                async (connection, transaction) =>
                {
                    var now = time.GetUtcNow();
                    const string claim = """
                        UPDATE supervision_due_dates SET reminded_at = @Now
                        WHERE supervision_id = @SupervisionId AND round = @Round AND answered_at IS NULL AND reminded_at IS NULL
                        """;
                    if (await connection.ExecuteAsync(new CommandDefinition(claim, new { row.SupervisionId, row.Round, Now = now }, transaction, cancellationToken: ct)) == 0)
                    {
                        return 0;
                    }

                    const string target = """
                        SELECT s.case_id AS CaseId, c.number AS Number, s.unit_id AS UnitId, s.feedback_due_on AS DueOn, o.unit_id AS ManagerUnitId
                        FROM supervisions AS s JOIN cases AS c ON c.id = s.case_id
                        LEFT JOIN users AS o ON o.id = s.opened_by_user_id
                        WHERE s.id = @SupervisionId
                        """;
                    var t = await connection.QuerySingleAsync<StoredReminder>(new CommandDefinition(target, new { row.SupervisionId }, transaction, cancellationToken: ct));
                    var date = t.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var kind = DbCode.Of(NoticeKind.SupervisionReminder);
                    var notices = new List<Notice> { new(t.UnitId, null, t.CaseId, kind, $"案件{t.Number}的督办反馈已于{date}到期，尚未反馈，请尽快反馈。", now) };
                    if (t.ManagerUnitId is { } managerUnit && managerUnit != t.UnitId)
                    {
                        notices.Add(new(managerUnit, null, t.CaseId, kind, $"案件{t.Number}的督办反馈已逾期（应于{date}前反馈）。", now));
                    }

                    await Notices.WriteAsync(RowWriter.Dapper(connection, transaction), notices, ct);
                    await audit.WriteAsync(connection, transaction, CaseActor.System.Audit, "supervision.remind", "case", Id(t.CaseId),
                        new { row.SupervisionId, row.Round, dueOn = date }, ct);
                    return 1;
                },
                ct);
        }

        return reminded;
    }

    /// <summary>The feedback dates due in [<paramref name="from"/>, <paramref name="to"/>) of supervisions that fell to a unit under <paramref name="scopePath"/>.</summary>
    internal static async Task<IReadOnlyList<Domain.Evaluation.SupervisionDueDate>> DueDatesAsync(
        DbConnection connection, SqlDialect dialect, string scopePath, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sql = $"""
            SELECT d.supervision_id AS SupervisionId, s.case_id AS CaseId, u.path AS UnitPath, d.round AS Round, d.due_on AS DueOn, d.answered_at AS AnsweredAt
            FROM supervision_due_dates AS d JOIN supervisions AS s ON s.id = d.supervision_id JOIN org_units AS u ON u.id = s.unit_id
            WHERE {dialect.SubtreeCondition("u.path")} AND d.due_on >= @From AND d.due_on < @To
            ORDER BY d.supervision_id, d.round
            """;
        var rows = await connection.QueryAsync<StoredDueDate>(new CommandDefinition(
            sql, new { SubtreePattern = dialect.SubtreePattern(scopePath), From = from, To = to }, cancellationToken: ct));
        return [.. rows.Select(r => new Domain.Evaluation.SupervisionDueDate(r.SupervisionId, r.CaseId, r.UnitPath, r.Round, r.DueOn, r.AnsweredAt))];
    }

    private static Task<int> InsertDueDateAsync(DbConnection connection, DbTransaction transaction, long supervisionId, int round, DateOnly dueOn, CancellationToken ct)
    {
        const string insert = "INSERT INTO supervision_due_dates (supervision_id, round, due_on) VALUES (@SupervisionId, @Round, @DueOn)";
        return connection.ExecuteAsync(new CommandDefinition(insert, new { SupervisionId = supervisionId, Round = round, DueOn = dueOn }, transaction, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<SupervisionView>> ReadAsync(DbConnection connection, string where, DynamicParameters args, CancellationToken ct)
    {
        var selected = $"""
            FROM supervisions AS s
            JOIN cases AS sc ON sc.id = s.case_id
            JOIN org_units AS su ON su.id = s.unit_id
            LEFT JOIN users AS ou ON ou.id = s.opened_by_user_id
            WHERE {where}
            """;
        var supervisionsSql = $"""
            SELECT s.id AS Id, s.case_id AS CaseId, sc.number AS CaseNumber, s.unit_id AS UnitId, su.name AS UnitName, s.level AS Level,
                   s.requirement AS Requirement, s.status AS Status, s.round AS Round, s.feedback_due_on AS FeedbackDueOn,
                   s.opened_at AS OpenedAt, ou.display_name AS OpenedBy, s.closed_at AS ClosedAt, s.satisfied AS Satisfied,
                   s.evaluation_comment AS EvaluationComment
            {selected}
            """;
        var feedbacksSql = $"""
            SELECT f.id AS Id, f.supervision_id AS SupervisionId, f.round AS Round, f.at AS At, fb.display_name AS ByName, fu.name AS UnitName,
                   f.action_taken AS ActionTaken, f.progress AS Progress
            FROM supervision_feedbacks AS f
            JOIN org_units AS fu ON fu.id = f.unit_id
            LEFT JOIN users AS fb ON fb.id = f.by_user_id
            WHERE f.supervision_id IN (SELECT s.id {selected})
            ORDER BY f.id
            """;
        // The feedbacks are read only when there are supervisions: most lists have none, and a statement is not free.
        var rows = (await connection.QueryAsync<StoredSupervision>(new CommandDefinition(supervisionsSql, args, cancellationToken: ct))).ToList();
        var feedbacks = rows.Count == 0
            ? Enumerable.Empty<StoredFeedback>().ToLookup(f => f.SupervisionId)
            : (await connection.QueryAsync<StoredFeedback>(new CommandDefinition(feedbacksSql, args, cancellationToken: ct))).ToLookup(f => f.SupervisionId);
        var today = Today;
        return [.. rows.OrderByDescending(r => r.Id).Select(r =>
        {
            var status = DbCode.Parse<SupervisionStatus>(r.Status);
            return new SupervisionView(
                r.Id, r.CaseId, r.CaseNumber, r.UnitId, r.UnitName, DbCode.Parse<SupervisionLevel>(r.Level), r.Requirement, status, r.Round,
                r.FeedbackDueOn, status == SupervisionStatus.Open && r.FeedbackDueOn < today, r.OpenedAt, r.OpenedBy ?? "", r.ClosedAt, r.Satisfied,
                r.EvaluationComment,
                [.. feedbacks[r.Id].Select(f => new SupervisionFeedbackView(f.Id, f.Round, f.At, f.ByName ?? "", f.UnitName, f.ActionTaken, f.Progress))]);
        })];
    }

    private static async Task<StoredRow?> RowAsync(DbConnection connection, DbTransaction transaction, long caseId, long supervisionId, CancellationToken ct)
    {
        const string sql = """
            SELECT id AS Id, unit_id AS UnitId, status AS Status, round AS Round, feedback_due_on AS FeedbackDueOn
            FROM supervisions WHERE id = @SupervisionId AND case_id = @CaseId
            """;
        return await connection.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(
            sql, new { SupervisionId = supervisionId, CaseId = caseId }, transaction, cancellationToken: ct));
    }

    // The case's number and handling unit when the actor acts on it.
    private async Task<StoredTarget> TargetAsync(DbConnection connection, DbTransaction transaction, long caseId, CaseActor actor, CancellationToken ct)
    {
        var sql = $"""
            SELECT c.number AS Number, c.unit_id AS UnitId
            FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @Id AND {CaseVisibility.Acts(_dialect)}
            """;
        var args = CaseVisibility.Bind(new DynamicParameters(new { Id = caseId }), actor.Viewer, _dialect);
        return await connection.QuerySingleOrDefaultAsync<StoredTarget>(new CommandDefinition(sql, args, transaction, cancellationToken: ct))
            ?? throw new CaseNotFoundException(caseId);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Short(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private sealed class StoredTarget
    {
        public string Number { get; init; } = "";
        public long UnitId { get; init; }
    }

    private sealed class StoredRow
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public string Status { get; init; } = "";
        public int Round { get; init; }
        public DateOnly FeedbackDueOn { get; init; }
    }

    private sealed class StoredSupervision
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public string CaseNumber { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public string Level { get; init; } = "";
        public string Requirement { get; init; } = "";
        public string Status { get; init; } = "";
        public int Round { get; init; }
        public DateOnly FeedbackDueOn { get; init; }
        public DateTimeOffset OpenedAt { get; init; }
        public string? OpenedBy { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public bool? Satisfied { get; init; }
        public string? EvaluationComment { get; init; }
    }

    private sealed class StoredFeedback
    {
        public long Id { get; init; }
        public long SupervisionId { get; init; }
        public int Round { get; init; }
        public DateTimeOffset At { get; init; }
        public string? ByName { get; init; }
        public string UnitName { get; init; } = "";
        public string ActionTaken { get; init; } = "";
        public string Progress { get; init; } = "";
    }

    private sealed class StoredFigures
    {
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public long OpenCount { get; init; }
        public long OverdueCount { get; init; }
    }

    private sealed class StoredDue
    {
        public long SupervisionId { get; init; }
        public int Round { get; init; }
    }

    private sealed class StoredReminder
    {
        public long CaseId { get; init; }
        public string Number { get; init; } = "";
        public long UnitId { get; init; }
        public DateOnly DueOn { get; init; }
        public long? ManagerUnitId { get; init; }
    }

    private sealed class StoredDueDate
    {
        public long SupervisionId { get; init; }
        public long CaseId { get; init; }
        public string UnitPath { get; init; } = "";
        public int Round { get; init; }
        public DateOnly DueOn { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
    }
}
