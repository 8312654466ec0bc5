using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CaseFlow.Data.Users;
using CaseFlow.Domain;
using CaseFlow.Synthetic;
using CaseFlow.Synthetic.Loading;
using Dapper;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow seed</c>: synthetic counties and cases for demos, training and load tests.</summary>
internal static class SeedCommand
{
    public static Command Build(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var counties = CliOptions.Count("--counties", "How many counties: the first modelled on Anji, the second on Jimo, then alternating.", 2, minimum: 1);
        var cases = CliOptions.Count("--cases", "How many cases in all, spread evenly over the counties.", 1000);
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed and dates give the same data.", DefaultValueFactory = _ => 2026 };
        var from = CliOptions.Date("--from", "The first day cases are received (China time). Default: 364 days before --to.");
        var to = CliOptions.Date("--to", "The last day cases are received; outcomes are as of its end. Default: today (China time).");
        var append = new Option<bool>("--append") { Description = "Add to a database that already has org units (the seeded county codes must be new to it)." };
        var batchSize = CliOptions.Count("--batch-size", "Cases per transaction.", 5000, minimum: 1);

        var command = new Command(
            "seed",
            "Fill a database with synthetic counties (org units, ladders, three-party contacts, enterprises, one seeding mediator user each) " +
            "and cases driven through the real workflow. Refuses a database that already has org units unless --append.")
        {
            counties, cases, seed, from, to, append, batchSize,
        };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            var services = db.Services(context);
            var ct = context.Cancellation;
            var today = ChinaTime.DateOf(services.Time.GetUtcNow());
            var last = context.Value(to) ?? today;
            var first = context.Value(from) ?? last.AddDays(-364);
            if (last > today)
            {
                throw new CliFailure($"--to {last:yyyy-MM-dd} is in the future: seeded cases are history, up to today at most.");
            }

            if (first > last)
            {
                throw new CliFailure($"--from {first:yyyy-MM-dd} is after --to {last:yyyy-MM-dd}.");
            }

            await services.EnsureMigratedAsync(ct);
            var generator = new SyntheticGenerator(new SyntheticOptions { Seed = context.Value(seed), Counties = context.Value(counties) });
            if (await services.Orgs.AnyUnitsAsync(ct))
            {
                if (!context.Value(append))
                {
                    throw new CliFailure("The database already has org units: seed fills an empty database; pass --append to add the synthetic counties anyway.");
                }

                await RefuseCollisionsAsync(services, generator, ct);
            }

            var stopwatch = Stopwatch.StartNew();
            var seeded = await InsertCountiesAsync(services, generator, last, ct);
            foreach (var (county, ids, mediator) in seeded)
            {
                await context.Output.WriteLineAsync(
                    $"county {county.Name} ({county.CasePrefix}, {county.Model} ladder): unit {ids.CountyId(county)}, {ids.UnitIds.Count} units, {ids.EnterpriseIds.Count} enterprises, mediator {MediatorName(county)} (id {mediator})");
            }

            var total = context.Value(cases);
            var loader = services.Loader;
            var size = context.Value(batchSize);
            var loaded = await CliProgress.RunAsync(context, "seeding cases", total, async progress =>
            {
                var done = 0L;
                for (var i = 0; i < seeded.Count; i++)
                {
                    var (county, ids, mediator) = seeded[i];
                    var share = (total / seeded.Count) + (i < total % seeded.Count ? 1 : 0);
                    var offset = done;
                    var countyProgress = new CountyProgress(n => progress.Report(offset + n));
                    done += await loader.LoadAsync(
                        new SeededCounty(county, ids.UnitIds, ids.EnterpriseIds, mediator),
                        generator.Cases(county, share, first, last, services.Grader),
                        size,
                        countyProgress,
                        ct);
                }

                return done;
            });

            var seconds = stopwatch.Elapsed.TotalSeconds;
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"seeded {seeded.Count} {(seeded.Count == 1 ? "county" : "counties")} and {loaded:N0} cases received {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (seed {context.Value(seed)}) in {seconds:F1} s ({loaded / Math.Max(seconds, 0.001):N0} cases/s)"));
            return 0;
        });
        return command;
    }

    /// <summary>The seeding mediator of a county, recorded as accepting and mediating its cases.</summary>
    public static string MediatorName(SyntheticCounty county)
    {
        ArgumentNullException.ThrowIfNull(county);
        return "seed-mediator-" + county.CasePrefix.ToLowerInvariant();
    }

    private static async Task<List<(SyntheticCounty County, SyntheticCountyIds Ids, long Mediator)>> InsertCountiesAsync(
        CliServices services, SyntheticGenerator generator, DateOnly asOf, CancellationToken ct)
    {
        // Nobody signs in as a seeding mediator: the password is random, never shown, and shared by all to hash once.
        var hash = services.Passwords.Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        var writer = new SyntheticCountyWriter(services.Orgs);
        return await services.Database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var seeded = new List<(SyntheticCounty, SyntheticCountyIds, long)>();
                foreach (var county in generator.Counties)
                {
                    var ids = await writer.InsertAsync(connection, transaction, generator, county, asOf, ct);
                    var mediator = await services.Users.CreateAsync(
                        connection,
                        transaction,
                        new NewUser(MediatorName(county), $"{county.Name}调解员（种子数据）", hash, ids.CountyId(county), [CliRoles.Mediator]),
                        ct);
                    seeded.Add((county, ids, mediator));
                }

                return seeded;
            },
            ct);
    }

    private static async Task RefuseCollisionsAsync(CliServices services, SyntheticGenerator generator, CancellationToken ct)
    {
        await using var connection = await services.Database.OpenAsync(ct);
        var codes = generator.Counties.Select(c => c.CasePrefix).ToArray();
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM org_units WHERE code IN @Codes", new { Codes = codes }, cancellationToken: ct))).ToList();
        if (taken.Count > 0)
        {
            throw new CliFailure($"--append: the database already has counties coded {string.Join(", ", taken)}; seed fewer --counties or use another database.");
        }

        var names = generator.Counties.Select(MediatorName).ToArray();
        var users = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT username FROM users WHERE username IN @Names", new { Names = names }, cancellationToken: ct))).ToList();
        var creditCodes = generator.Counties.SelectMany(c => c.Enterprises).Select(e => e.CreditCode).ToArray();
        var enterprises = 0L;
        foreach (var chunk in creditCodes.Chunk(500))
        {
            enterprises += await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM enterprises WHERE credit_code IN @Codes", new { Codes = chunk }, cancellationToken: ct));
        }

        if (users.Count > 0 || enterprises > 0)
        {
            throw new CliFailure($"--append: this seed was loaded here before ({users.Count} seeding users, {enterprises} enterprises already present); use another --seed.");
        }
    }

    private sealed class CountyProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
