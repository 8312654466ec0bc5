using CaseFlow.Domain.Cases;
using Xunit.Abstractions;

namespace CaseFlow.Domain.Tests.Cases;

/// <summary>
/// Random action sequences with random, often invalid, arguments, through the case's intent methods: a case must
/// only ever be in a stored state, every refusal must say why and change nothing, and the availability list must
/// agree with what firing does. Set CASEFLOW_WORKFLOW_SEED to replay a failing seed (every failure names it).
/// </summary>
public class CaseWorkflowRandomizedTests(ITestOutputHelper output)
{
    private const int Cases = 1_000;
    private const int Fires = 100_000;

    private static readonly CaseTrigger[] Triggers = Enum.GetValues<CaseTrigger>();

    [Theory]
    [InlineData(20_240_601)]
    [InlineData(7)]
    public void RandomTriggers_WithFixedSeed_KeepEveryCaseInAStoredStateAndExplainEveryRefusal(int seed) => Run(seed);

    [Fact]
    public void RandomTriggers_WithFreshSeed_KeepEveryCaseInAStoredStateAndExplainEveryRefusal()
    {
        var configured = Environment.GetEnvironmentVariable("CASEFLOW_WORKFLOW_SEED");
        Run(configured is null ? Random.Shared.Next() : int.Parse(configured, System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Run(int seed)
    {
        output.WriteLine($"seed {seed} (replay with CASEFLOW_WORKFLOW_SEED={seed})");
        var random = new Random(seed);
        var cases = new DisputeCase[Cases];
        for (var i = 0; i < cases.Length; i++)
        {
            // One in four lacks the minimum facts and can only be withdrawn or rejected.
            var builder = ACase.In(CaseState.Registered);
            cases[i] = (random.Next(4) == 0 ? builder.WithoutMinimumFacts() : builder).Build();
        }

        var visited = new HashSet<CaseState>();
        int moved = 0, refused = 0;
        var now = ACase.Now;
        for (var step = 0; step < Fires; step++)
        {
            var @case = cases[random.Next(cases.Length)];

            // Time runs on unevenly, so closed cases fall inside and outside the reopen window.
            now = now.AddMinutes(random.Next(0, 4));
            var window = random.Next(0, 3);
            var trigger = Triggers[random.Next(Triggers.Length)];
            var before = @case.State;
            var eventsBefore = @case.NewEvents.Count;
            var listed = @case.Availability(now, window).SingleOrDefault(a => a.Action == trigger);
            string Where() => $"seed {seed}, step {step}: {trigger} in {before}";
            try
            {
                FireWithRandomArgument(@case, trigger, random, now, window);
                moved++;
                if (listed is not { Allowed: true })
                {
                    Assert.Fail($"{Where()}: fired although the availability list said {(listed is null ? "not offered" : "refused")}");
                }

                if (@case.NewEvents.Count != eventsBefore + 1 || @case.NewEvents[^1].Trigger != trigger)
                {
                    Assert.Fail($"{Where()}: fired without appending exactly its event");
                }
            }
            catch (CaseActionRefusedException refusal)
            {
                refused++;
                if (refusal.Reasons.Count == 0 || refusal.Reasons.Any(r => !CaseRefusal.All.Contains(r)))
                {
                    Assert.Fail($"{Where()}: refused with [{string.Join(", ", refusal.Reasons)}], not known reason codes");
                }

                if (@case.State != before || @case.NewEvents.Count != eventsBefore)
                {
                    Assert.Fail($"{Where()}: a refusal changed the case (now {@case.State})");
                }

                if (listed is null && !refusal.Reasons.SequenceEqual([CaseRefusal.NotInThisState]))
                {
                    Assert.Fail($"{Where()}: not offered, but refused with [{string.Join(", ", refusal.Reasons)}]");
                }

                if (listed is { Allowed: false } && !listed.Reasons.All(refusal.Reasons.Contains))
                {
                    Assert.Fail($"{Where()}: listed as refused for [{string.Join(", ", listed.Reasons)}] but refused for [{string.Join(", ", refusal.Reasons)}]");
                }
            }
            catch (Exception unexpected)
            {
                Assert.Fail($"{Where()}: threw {unexpected}");
            }

            if (!CaseWorkflow.IsStored(@case.State))
            {
                Assert.Fail($"{Where()}: the case is in {(int)@case.State} ({@case.State}), not a stored state");
            }

            visited.Add(@case.State);
        }

        output.WriteLine($"{moved} accepted, {refused} refused; visited {visited.Count} states");
        visited.Should().BeEquivalentTo(Enum.GetValues<CaseState>().Where(CaseWorkflow.IsStored), $"seed {seed} should explore every stored state");
        refused.Should().BeGreaterThan(0, $"seed {seed}");
    }

    /// <summary>Fires through the intent method, with a random argument where it takes one.</summary>
    private static void FireWithRandomArgument(DisputeCase c, CaseTrigger trigger, Random random, DateTimeOffset now, int window)
    {
        var ctx = ACase.By with { Now = now };
        switch (trigger)
        {
            case CaseTrigger.Grade:
                c.Grade(ACase.Graded((RiskColor)random.Next(0, 5)), ACase.Routing, ctx);
                break;
            case CaseTrigger.RiskRaised:
                c.RaiseRisk(ACase.Graded((RiskColor)random.Next(0, 5)), ACase.Routing, ctx);
                break;
            case CaseTrigger.Accept:
                c.Accept(random.Next(-1, 4), ctx);
                break;
            case CaseTrigger.ExtendDeadline:
                c.ExtendDeadline(new DeadlineExtension(random.Next(-1, 8), random.Next(3) != 0, random.Next(3) != 0), ctx);
                break;
            case CaseTrigger.Reopen:
                c.Reopen(ACase.Routing, window, ctx);
                break;
            default:
                ACase.FireWithValidArgument(c, trigger, ctx);
                break;
        }
    }
}
