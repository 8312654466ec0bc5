using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Users;

/// <summary>The unit a user belongs to, as sign-in and jurisdiction need it.</summary>
/// <param name="Path">The unit's materialized path ('/1/5/'): the user sees this subtree.</param>
public sealed record UserUnit(long Id, string Path, string Name, UnitKind Kind, long CountyId);

/// <summary>A user as sign-in sees it: credentials, lockout state, roles and unit.</summary>
public sealed record UserAccount(
    long Id,
    string Username,
    string DisplayName,
    string PasswordHash,
    bool IsActive,
    int FailedLoginCount,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastLoginAt,
    UserUnit Unit,
    IReadOnlyList<string> Roles)
{
    /// <summary>The partner organisation of a partner user; null for everyone else.</summary>
    public UserPartner? Partner { get; init; }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>A partner user's organisation: its id, kind code (<c>arbitration</c>) and name.</summary>
public sealed record UserPartner(long Id, string Kind, string Name);

/// <summary>A user to create; the password is already hashed.</summary>
public sealed record NewUser(string Username, string DisplayName, string PasswordHash, long UnitId, IReadOnlyList<string> Roles)
{
    /// <summary>The partner organisation a partner user belongs to.</summary>
    public long? PartnerOrgId { get; init; }
}

/// <summary>A row of the user list.</summary>
public sealed record UserSummary(
    long Id, string Username, string DisplayName, long UnitId, string UnitName, bool IsActive, DateTimeOffset? LockedUntil, IReadOnlyList<string> Roles);

/// <summary>What a failed sign-in left behind: the count of failures in a row and, once it reached the limit, the lock.</summary>
public sealed record FailedLogin(int FailedLoginCount, DateTimeOffset? LockedUntil);

/// <summary>Users, their roles and their sign-in bookkeeping (failed attempts, lockout, last sign-in).</summary>
/// <remarks>
/// Register one store per process (a singleton): it keeps the signed-in users' accounts that
/// <see cref="FindForSessionAsync"/> reads on every request, and drops them when this store changes a user.
/// </remarks>
public sealed class UserStore(Database database, TimeProvider time)
{
    /// <summary>
    /// How long an account read for a session is reused by <see cref="FindForSessionAsync"/>. A change made through this
    /// store (deactivation, sign-in, sign-out) takes effect on the user's next request; one made outside this process
    /// (the CLI on another process, another node, SQL by hand) within this time.
    /// </summary>
    public static readonly TimeSpan SessionAccountLifetime = TimeSpan.FromSeconds(5);

    /// <summary>More cached sessions than this and the cache starts over (each entry is one active user).</summary>
    private const int MaxSessionAccounts = 10_000;

    private readonly ConcurrentDictionary<long, SessionAccount> _sessions = new();

    // Bumped by every Forget: a read that began before a change is not cached after it.
    private long _generation;

    private const string AccountSelect = """
        SELECT u.id AS Id, u.username AS Username, u.display_name AS DisplayName, u.password_hash AS PasswordHash,
               u.is_active AS IsActive, u.failed_login_count AS FailedLoginCount, u.locked_until AS LockedUntil,
               u.last_login_at AS LastLoginAt, o.id AS UnitId, o.path AS UnitPath, o.name AS UnitName, o.kind AS UnitKind,
               o.county_id AS CountyId, p.id AS PartnerId, p.kind AS PartnerKind, p.name AS PartnerName
        FROM users AS u
        JOIN org_units AS o ON o.id = u.unit_id
        LEFT JOIN partner_orgs AS p ON p.id = u.partner_org_id
        """;

    private const string RolesOfUser = "SELECT role FROM user_roles WHERE user_id = @UserId ORDER BY role";

    private readonly string _insertUser = database.Dialect.InsertReturningId("""
        INSERT INTO users (username, display_name, password_hash, unit_id, partner_org_id, created_at)
        VALUES (@Username, @DisplayName, @PasswordHash, @UnitId, @PartnerOrgId, @CreatedAt)
        """);

    /// <summary>The user with this name (case-insensitive), with roles and unit; null when there is none.</summary>
    public Task<UserAccount?> FindByUsernameAsync(string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        return FindAsync($"{AccountSelect} WHERE u.username = @Username", new { Username = username }, cancellationToken);
    }

    public Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        FindAsync($"{AccountSelect} WHERE u.id = @Id", new { Id = id }, cancellationToken);

    /// <summary>
    /// The signed-in user's account, as each request checks it (still active?) and the page header shows it: read
    /// again at most every <see cref="SessionAccountLifetime"/>, and at once after this store changed the user.
    /// </summary>
    public async Task<UserAccount?> FindForSessionAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_sessions.TryGetValue(id, out var cached) && cached.ReadAt <= now && now - cached.ReadAt < SessionAccountLifetime)
        {
            return cached.Account;
        }

        var generation = Interlocked.Read(ref _generation);
        var account = await FindByIdAsync(id, cancellationToken);
        if (account is null)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        if (_sessions.Count >= MaxSessionAccounts)
        {
            _sessions.Clear();
        }

        var entry = new SessionAccount(account, now, generation);
        _sessions[id] = entry;

        // A change committed while the row was being read: drop what may be the old row (the next request reads again).
        if (Interlocked.Read(ref _generation) != generation)
        {
            _sessions.TryRemove(new KeyValuePair<long, SessionAccount>(id, entry));
        }

        return account;
    }

    /// <summary>
    /// Drops the cached session account of <paramref name="userId"/>: call it after committing a change to the user
    /// made outside this store, and on sign-out. The store's own changes call it themselves.
    /// </summary>
    public void ForgetSession(long userId)
    {
        Interlocked.Increment(ref _generation);
        _sessions.TryRemove(userId, out _);
    }

    /// <summary>
    /// Deactivates or reactivates a user, with its audit record in the same transaction. A deactivated user can no
    /// longer sign in, and their open sessions end on their next request (in this process at once; elsewhere within
    /// <see cref="SessionAccountLifetime"/>).
    /// </summary>
    /// <returns>False when there is no such user.</returns>
    public async Task<bool> SetActiveAsync(long userId, bool active, AuditActor actor, AuditWriter audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(audit);
        const string sql = "UPDATE users SET is_active = @Active WHERE id = @Id";
        var changed = await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                if (await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = userId, Active = active }, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return false;
                }

                await audit.WriteAsync(
                    connection, transaction, actor, active ? "user.activate" : "user.deactivate", "user",
                    userId.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
                return true;
            },
            cancellationToken);

        // After the commit: a request that reads the user from now on sees the change.
        ForgetSession(userId);
        return changed;
    }

    /// <summary>
    /// Counts one more failed sign-in and locks the account for <paramref name="lockout"/> when the count reaches
    /// <paramref name="maxFailedAttempts"/>. A failure after an earlier lock has expired starts a new count, so an
    /// unlocked user gets the full number of attempts again.
    /// </summary>
    public async Task<FailedLogin> RecordFailedLoginAsync(
        DbConnection connection,
        DbTransaction? transaction,
        long userId,
        int maxFailedAttempts,
        TimeSpan lockout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailedAttempts, 1);
        const string update = """
            UPDATE users
            SET failed_login_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= @Now THEN 1 ELSE failed_login_count + 1 END,
                locked_until = CASE
                    WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= @Now THEN 1 ELSE failed_login_count + 1 END) >= @Max THEN @LockUntil
                    WHEN locked_until <= @Now THEN NULL
                    ELSE locked_until
                END
            WHERE id = @Id
            """;
        const string read = "SELECT failed_login_count AS FailedLoginCount, locked_until AS LockedUntil FROM users WHERE id = @Id";
        ForgetSession(userId);
        var now = time.GetUtcNow();
        var values = new { Id = userId, Now = now, Max = maxFailedAttempts, LockUntil = now + lockout };
        await connection.ExecuteAsync(new CommandDefinition(update, values, transaction, cancellationToken: cancellationToken));
        var row = await connection.QuerySingleAsync<FailedLoginRow>(new CommandDefinition(read, new { Id = userId }, transaction, cancellationToken: cancellationToken));
        return new FailedLogin(row.FailedLoginCount, row.LockedUntil);
    }

    /// <summary>Clears the failure count and any lock, and stamps the sign-in time.</summary>
    public Task RecordSuccessfulLoginAsync(
        DbConnection connection, DbTransaction? transaction, long userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string sql = """
            UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = @Now WHERE id = @Id
            """;
        ForgetSession(userId);
        return connection.ExecuteAsync(new CommandDefinition(sql, new { Id = userId, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the stored hash, e.g. when the hasher asks for a rehash with stronger settings.</summary>
    public Task SetPasswordHashAsync(
        DbConnection connection, DbTransaction? transaction, long userId, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        const string sql = "UPDATE users SET password_hash = @PasswordHash WHERE id = @Id";
        ForgetSession(userId);
        return connection.ExecuteAsync(new CommandDefinition(sql, new { Id = userId, PasswordHash = passwordHash }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Creates the user and its roles.</summary>
    /// <returns>The new user's id.</returns>
    /// <exception cref="DbException">The username is taken (<see cref="SqlDialect.IsUniqueViolation"/>) or the unit does not exist.</exception>
    public async Task<long> CreateAsync(
        DbConnection connection, DbTransaction? transaction, NewUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Username);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.PasswordHash);
        const string insertRole = "INSERT INTO user_roles (user_id, role) VALUES (@UserId, @Role)";
        var row = new { user.Username, user.DisplayName, user.PasswordHash, user.UnitId, user.PartnerOrgId, CreatedAt = time.GetUtcNow() };
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertUser, row, transaction, cancellationToken: cancellationToken));
        foreach (var role in user.Roles.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(insertRole, new { UserId = id, Role = role }, transaction, cancellationToken: cancellationToken));
        }

        return id;
    }

    /// <summary>Every user, or those of the subtree at <paramref name="unitPath"/>, ordered by username.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(string? unitPath = null, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var where = unitPath is null ? "" : $"WHERE {dialect.SubtreeCondition("o.path")}";
        var users = $"""
            SELECT u.id AS Id, u.username AS Username, u.display_name AS DisplayName, u.unit_id AS UnitId, o.name AS UnitName,
                   u.is_active AS IsActive, u.locked_until AS LockedUntil
            FROM users AS u
            JOIN org_units AS o ON o.id = u.unit_id
            {where}
            ORDER BY u.username
            """;
        var roles = $"""
            SELECT r.user_id AS UserId, r.role AS Role
            FROM user_roles AS r
            JOIN users AS u ON u.id = r.user_id
            JOIN org_units AS o ON o.id = u.unit_id
            {where}
            ORDER BY r.role
            """;
        var parameters = new { SubtreePattern = unitPath is null ? null : dialect.SubtreePattern(unitPath) };
        await using var connection = await database.OpenAsync(cancellationToken);
        var userRows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(users, parameters, cancellationToken: cancellationToken));
        var roleRows = await connection.QueryAsync<RoleRow>(new CommandDefinition(roles, parameters, cancellationToken: cancellationToken));
        var rolesByUser = roleRows.ToLookup(r => r.UserId, r => r.Role);
        return
        [
            .. userRows.Select(u => new UserSummary(
                u.Id, u.Username, u.DisplayName, u.UnitId, u.UnitName, u.IsActive, u.LockedUntil, [.. rolesByUser[u.Id]])),
        ];
    }

    private async Task<UserAccount?> FindAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var roles = await connection.QueryAsync<string>(new CommandDefinition(RolesOfUser, new { UserId = row.Id }, cancellationToken: cancellationToken));
        var unit = new UserUnit(row.UnitId, row.UnitPath, row.UnitName, DbCode.Parse<UnitKind>(row.UnitKind), row.CountyId);
        return new UserAccount(
            row.Id, row.Username, row.DisplayName, row.PasswordHash, row.IsActive, row.FailedLoginCount,
            row.LockedUntil, row.LastLoginAt, unit, [.. roles])
        {
            Partner = row.PartnerId is { } partnerId ? new UserPartner(partnerId, row.PartnerKind ?? "", row.PartnerName ?? "") : null,
        };
    }

    private sealed record SessionAccount(UserAccount Account, DateTimeOffset ReadAt, long Generation);

    private sealed class AccountRow
    {
        public long Id { get; init; }

        public string Username { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public string PasswordHash { get; init; } = "";

        public bool IsActive { get; init; }

        public int FailedLoginCount { get; init; }

        public DateTimeOffset? LockedUntil { get; init; }

        public DateTimeOffset? LastLoginAt { get; init; }

        public long UnitId { get; init; }

        public string UnitPath { get; init; } = "";

        public string UnitName { get; init; } = "";

        public string UnitKind { get; init; } = "";

        public long CountyId { get; init; }

        public long? PartnerId { get; init; }

        public string? PartnerKind { get; init; }

        public string? PartnerName { get; init; }
    }

    private sealed class SummaryRow
    {
        public long Id { get; init; }

        public string Username { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public long UnitId { get; init; }

        public string UnitName { get; init; } = "";

        public bool IsActive { get; init; }

        public DateTimeOffset? LockedUntil { get; init; }
    }

    private sealed class RoleRow
    {
        public long UserId { get; init; }

        public string Role { get; init; } = "";
    }

    private sealed class FailedLoginRow
    {
        public int FailedLoginCount { get; init; }

        public DateTimeOffset? LockedUntil { get; init; }
    }
}
