using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Workflow;
using Xunit.Abstractions;

namespace CaseFlow.Domain.Tests.Cases;

/// <summary>
/// Random trigger sequences with random, often invalid, arguments: a case must only ever be in a stored state,
/// and every refusal must say why. Set CASEFLOW_WORKFLOW_SEED to replay a failing seed.
/// </summary>
public class CaseWorkflowRandomizedTests(ITestOutputHelper output)
{
    private const int Cases = 1_000;
    private const int Fires = 100_000;

    private static readonly StateMachine<CaseState, CaseTrigger, IWorkflowCase> Machine = CaseWorkflow.Machine;
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
        var cases = new TestCase[Cases];
        for (var i = 0; i < cases.Length; i++)
        {
            cases[i] = ACase.In(CaseState.Registered).Build();
        }

        var visited = new HashSet<CaseState>();
        int moved = 0, refused = 0;
        for (var step = 0; step < Fires; step++)
        {
            var @case = cases[random.Next(cases.Length)];
            @case.HasMinimumFacts = random.Next(4) != 0;
            @case.IsWithinReopenWindow = random.Next(3) != 0;
            @case.LastMediationLevel = random.Next(1, 4);

            // One in fifty is not a trigger at all.
            var trigger = random.Next(50) == 0 ? (CaseTrigger)99 : Triggers[random.Next(Triggers.Length)];
            var before = @case.State;
            string Where() => $"seed {seed}, step {step}: {trigger} in {before}";
            try
            {
                FireWithRandomArgument(@case, trigger, random);
                moved++;
            }
            catch (InvalidTransitionException refusal)
            {
                refused++;
                if (refusal.Reasons.Count == 0 || refusal.Reasons.Any(string.IsNullOrWhiteSpace))
                {
                    Assert.Fail($"{Where()}: refused without a reason");
                }

                if (@case.State != before)
                {
                    Assert.Fail($"{Where()}: a refusal moved the case to {@case.State}");
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
            if (step % 10 == 0)
            {
                CheckTriggerInfos(@case, Where);
            }
        }

        output.WriteLine($"{moved} accepted, {refused} refused; visited {visited.Count} states");
        visited.Should().BeEquivalentTo(Enum.GetValues<CaseState>().Where(CaseWorkflow.IsStored), $"seed {seed} should explore every stored state");
        refused.Should().BeGreaterThan(0, $"seed {seed}");
    }

    /// <summary>Every refused trigger carries reasons, and the triggers without an argument fire exactly when allowed.</summary>
    private static void CheckTriggerInfos(TestCase @case, Func<string> where)
    {
        foreach (var info in Machine.GetTriggerInfos(@case))
        {
            if (!info.Allowed && (info.Reasons.Count == 0 || info.Reasons.Any(string.IsNullOrWhiteSpace)))
            {
                Assert.Fail($"{where()}: {info.Trigger} is not allowed but gives no reason");
            }

            if (!info.TakesParameter && Machine.CanFire(@case, info.Trigger) != info.Allowed)
            {
                Assert.Fail($"{where()}: CanFire({info.Trigger}) disagrees with GetTriggerInfos");
            }
        }
    }

    private static void FireWithRandomArgument(TestCase @case, CaseTrigger trigger, Random random)
    {
        switch (trigger)
        {
            case CaseTrigger.Grade:
                Machine.Fire(@case, CaseWorkflow.Grade, (RiskColor)random.Next(0, 5));
                break;
            case CaseTrigger.RiskRaised:
                Machine.Fire(@case, CaseWorkflow.RiskRaised, (RiskColor)random.Next(0, 5));
                break;
            case CaseTrigger.Accept:
                Machine.Fire(@case, CaseWorkflow.Accept, (long)random.Next(-1, 4));
                break;
            case CaseTrigger.ExtendDeadline:
                Machine.Fire(
                    @case,
                    CaseWorkflow.ExtendDeadline,
                    new DeadlineExtension(random.Next(-1, 8), random.Next(3) != 0, random.Next(3) != 0));
                break;
            default:
                Machine.Fire(@case, trigger);
                break;
        }
    }
}
