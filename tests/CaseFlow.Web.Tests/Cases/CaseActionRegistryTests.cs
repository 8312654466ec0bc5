using CaseFlow.Domain.Cases;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Cases.Actions;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Tests.Cases;

public class CaseActionRegistryTests
{
    [Fact]
    public void Registry_HasOneSliceForEveryTriggerAPersonFires_AndLeavesTheSystemsOwnOut()
    {
        CaseActionRegistry.SystemOnly.Should().BeEquivalentTo([CaseTrigger.Grade, CaseTrigger.DeadlineElapsed, CaseTrigger.PerformanceOverdue]);
        foreach (var trigger in Enum.GetValues<CaseTrigger>().Except(CaseActionRegistry.SystemOnly))
        {
            var slice = CaseActionRegistry.For(trigger);
            slice.Should().NotBeNull($"{trigger} is fired by people");
            CaseActionRegistry.Find(CaseActions.NameOf(trigger)).Should().BeSameAs(slice);
        }
    }

    [Fact]
    public void Slices_NeedAReasonExactlyWhereTheTimelineMustSayWhy() =>
        CaseActionRegistry.Names.Where(n => CaseActionRegistry.Find(n)!.NeedsReason)
            .Should().BeEquivalentTo(["escalate", "riskRaised", "withdraw", "reject", "reopen"]);

    [Fact]
    public void EveryRefusalCode_IsWordedInBothLanguages()
    {
        foreach (var code in CaseRefusal.All)
        {
            WorkflowReasons.Codes.Should().Contain(code);
            var zh = WorkflowReasons.For([code], MessageLanguage.Chinese).Single();
            var en = WorkflowReasons.For([code], MessageLanguage.English).Single();
            zh.Should().NotBe(code).And.MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
            en.Should().NotBe(code).And.NotBe(zh);
        }
    }

    [Fact]
    public void SliceFormPartials_ExistInTheWebProject()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CaseFlow.Web"));
        foreach (var name in CaseActionRegistry.Names)
        {
            if (CaseActionRegistry.Find(name)!.FormPartial is { } partial)
            {
                File.Exists(Path.Combine(root, partial.TrimStart('~', '/'))).Should().BeTrue($"{name}'s form partial {partial}");
            }
        }
    }
}
