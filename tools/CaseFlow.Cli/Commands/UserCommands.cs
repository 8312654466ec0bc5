using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data.Users;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow users …</c>: accounts, e.g. a new deployment's first administrator.</summary>
internal static partial class UserCommands
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    public static Command Build(CliEnvironment environment)
    {
        var users = new Command("users", "User accounts.");
        users.Subcommands.Add(BuildAdd(environment));
        users.Subcommands.Add(BuildList(environment));
        users.Subcommands.Add(BuildSetActive(environment, active: false));
        users.Subcommands.Add(BuildSetActive(environment, active: true));
        return users;
    }

    private static Command BuildSetActive(CliEnvironment environment, bool active)
    {
        var db = new DatabaseArguments();
        var username = new Option<string>("--username", "-u") { Description = "The user's sign-in name.", Required = true };
        var command = active
            ? new Command("enable", "Let a deactivated user sign in again.") { username }
            : new Command(
                "disable",
                $"Deactivate a user: they can no longer sign in, and a running web host ends their sessions within {UserStore.SessionAccountLifetime.TotalSeconds:0} s (it rereads signed-in accounts that often).")
            {
                username,
            };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var name = context.Value(username)!.Trim();
            var user = await services.Users.FindByUsernameAsync(name, ct) ?? throw new CliFailure($"There is no user '{name}'.");
            if (user.IsActive == active)
            {
                await context.Output.WriteLineAsync($"user {user.Username} is already {(active ? "active" : "inactive")}");
                return 0;
            }

            await services.Users.SetActiveAsync(user.Id, active, services.Operator, services.Audit, ct);
            await context.Output.WriteLineAsync($"{(active ? "enabled" : "disabled")} user {user.Username} (id {user.Id})");
            return 0;
        });
        return command;
    }

    private static Command BuildAdd(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var username = new Option<string>("--username", "-u") { Description = "Sign-in name: letters, digits and . _ - @, up to 64.", Required = true };
        var roles = new Option<string[]>("--role", "-r")
        {
            Description = $"A role, repeated or comma-separated: {string.Join(", ", CliRoles.All)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var unit = CliUnits.Option("The org unit the user belongs to; they see it and everything below it.", required: true);
        var displayName = new Option<string?>("--display-name") { Description = "The name shown in the application (up to 50); default the username." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input instead of prompting twice at the terminal.",
        };

        var add = new Command(
            "add",
            $"Create a user. The password (at least {MinPasswordLength} characters) is prompted for twice, or read from standard input with --password-stdin, and hashed as sign-in checks it.")
        {
            username, roles, unit, displayName, passwordStdin,
        };
        db.AddTo(add);
        add.SetAction(environment, async context =>
        {
            var name = context.Value(username)!.Trim();
            if (!UsernamePattern().IsMatch(name))
            {
                throw new CliFailure($"'{name}' is not a username: use up to 64 letters, digits and . _ - @, starting with a letter or digit.");
            }

            var display = (context.Value(displayName) ?? name).Trim();
            if (display.Length is 0 or > 50)
            {
                throw new CliFailure("The display name must have 1 to 50 characters.");
            }

            var chosen = context.Value(roles)!
                .SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(r => r.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var unknown = chosen.Where(r => !CliRoles.All.Contains(r)).ToList();
            if (chosen.Count == 0 || unknown.Count > 0)
            {
                throw new CliFailure($"Unknown role '{string.Join("', '", unknown)}': use {string.Join(", ", CliRoles.All)}.");
            }

            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var home = await CliUnits.ResolveAsync(services, context.Value(unit)!, ct);
            if (await services.Users.FindByUsernameAsync(name, ct) is { } existing)
            {
                throw new CliFailure($"A user '{existing.Username}' already exists.");
            }

            var password = ReadPassword(context, context.Value(passwordStdin));
            var hash = services.Passwords.Hash(password);
            long id;
            try
            {
                id = await services.Database.InTransactionAsync(
                    async (connection, transaction) =>
                    {
                        var created = await services.Users.CreateAsync(connection, transaction, new NewUser(name, display, hash, home.Id, chosen), ct);
                        await services.Audit.WriteAsync(
                            connection, transaction, services.Operator, "user.create", "user", created.ToString(CultureInfo.InvariantCulture),
                            new { username = name, roles = chosen, unitId = home.Id }, ct);
                        return created;
                    },
                    ct);
            }
            catch (DbException e) when (services.Database.Dialect.IsUniqueViolation(e))
            {
                throw new CliFailure($"A user '{name}' already exists.");
            }

            await context.Output.WriteLineAsync($"created user {name} (id {id}; {string.Join(", ", chosen)}; unit {home.Id} {home.Name})");
            return 0;
        });
        return add;
    }

    private static Command BuildList(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var unit = CliUnits.Option("Only the users of this unit and the units below it.");
        var list = new Command("list", "List users with their roles and units, by username.") { unit };
        db.AddTo(list);
        list.SetAction(environment, async context =>
        {
            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            string? path = null;
            if (context.Value(unit) is { } unitText)
            {
                path = (await CliUnits.ResolveAsync(services, unitText, ct)).Path;
            }

            var users = await services.Users.ListAsync(path, ct);
            var now = services.Time.GetUtcNow();
            var rows = users.Select(u => new[]
            {
                u.Id.ToString(CultureInfo.InvariantCulture),
                u.Username,
                u.DisplayName,
                string.Join(",", u.Roles),
                $"{u.UnitId} {u.UnitName}",
                !u.IsActive ? "inactive" : u.LockedUntil > now ? "locked" : "active",
            }).ToList();
            await WriteTableAsync(context.Output, ["id", "username", "display name", "roles", "unit", "status"], rows);
            await context.Output.WriteLineAsync($"{users.Count} users");
            return 0;
        });
        return list;
    }

    /// <summary>Columns padded to their widest value; CJK characters count double, as a terminal shows them.</summary>
    private static async Task WriteTableAsync(TextWriter output, string[] headers, List<string[]> rows)
    {
        static int Width(string s) => s.Sum(c => c > 0x2E7F ? 2 : 1);
        var widths = headers.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c + new string(' ', widths[i] - Width(c)))).TrimEnd();
        await output.WriteLineAsync(Line(headers));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row));
        }
    }

    private static string ReadPassword(CliContext context, bool fromStdin)
    {
        string password;
        if (fromStdin)
        {
            password = context.Environment.Input.ReadLine() ?? throw new CliFailure("--password-stdin: standard input is empty.");
        }
        else if (context.Environment.InputIsTerminal)
        {
            password = CliEnvironment.ReadSecret("Password:");
            if (password != CliEnvironment.ReadSecret("Repeat the password:"))
            {
                throw new CliFailure("The passwords do not match.");
            }
        }
        else
        {
            throw new CliFailure("Standard input is not a terminal to prompt at: pipe the password in and pass --password-stdin.");
        }

        if (password.Length < MinPasswordLength)
        {
            throw new CliFailure($"The password is too short: it needs at least {MinPasswordLength} characters.");
        }

        if (password.Length > MaxPasswordLength)
        {
            throw new CliFailure($"The password is too long: at most {MaxPasswordLength} characters.");
        }

        return password;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex UsernamePattern();
}
