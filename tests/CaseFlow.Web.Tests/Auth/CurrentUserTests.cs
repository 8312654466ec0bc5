using CaseFlow.Data.Users;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Web.Tests.Auth;

public sealed class CurrentUserTests
{
    private static readonly UserAccount Township = new(
        17, "hanggai.union", "杭垓镇工会", "hash", true, 0, null, null, new UserUnit(5, "/1/5/", "杭垓镇", UnitKind.Town, 1), ["township", "mediator"]);

    [Fact]
    public void From_TheSessionOfASignIn_GivesBackWhoAndWhere()
    {
        var context = new DefaultHttpContext { User = CurrentUser.PrincipalFor(Township, "Cookies") };
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("::ffff:10.1.2.3");

        var user = CurrentUser.From(context);

        user.Should().BeEquivalentTo(new
        {
            Id = 17L,
            Username = "hanggai.union",
            UnitId = 5L,
            UnitPath = "/1/5/",
            CountyId = 1L,
            Roles = new HashSet<string> { "township", "mediator" },
            RemoteIp = "10.1.2.3",
        });
    }

    [Fact]
    public void From_AnAnonymousRequest_IsNull()
    {
        CurrentUser.From(new DefaultHttpContext()).Should().BeNull();
    }

    [Fact]
    public void Sees_ItsOwnUnitAndBelow_ButNotASiblingWhoseIdStartsTheSame()
    {
        var user = CurrentUser.From(new DefaultHttpContext { User = CurrentUser.PrincipalFor(Township, "Cookies") })!;

        (user.Sees("/1/5/"), user.Sees("/1/5/23/"), user.Sees("/1/55/"), user.Sees("/1/")).Should().Be((true, true, false, false));
    }

    [Fact]
    public void IsInRole_AndIsInAnyRole_ReadTheSessionRoles()
    {
        var user = CurrentUser.From(new DefaultHttpContext { User = CurrentUser.PrincipalFor(Township, "Cookies") })!;

        (user.IsInRole(Roles.Township), user.IsInRole(Roles.Admin), user.IsInAnyRole(Roles.Admin, Roles.Mediator), user.IsInAnyRole(Roles.Auditor))
            .Should().Be((true, false, true, false));
    }

    [Fact]
    public void ToAuditActor_NamesTheUserAndAddress()
    {
        var context = new DefaultHttpContext { User = CurrentUser.PrincipalFor(Township, "Cookies") };
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("2001:db8::1");

        CurrentUser.From(context)!.ToAuditActor().Should().Be(new CaseFlow.Data.Audit.AuditActor(17, "hanggai.union", "2001:db8::1"));
    }
}
