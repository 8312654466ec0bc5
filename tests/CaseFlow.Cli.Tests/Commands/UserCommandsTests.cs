using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class UserCommandsTests : IDisposable
{
    private const string Password = "correct horse battery";
    private readonly CliDatabase _db = new CliDatabase().WithCounty();

    [Fact]
    public async Task Add_WithThePasswordOnStdin_StoresAHashThatSignInsPasswordsAccepts()
    {
        var run = _db.RunWithInput(
            Password + "\n", "users", "add", "--username", "first-admin", "--role", "admin", "--unit", "1", "--display-name", "首任管理员", "--password-stdin");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("created user first-admin");
        var account = await _db.Services().Users.FindByUsernameAsync("first-admin");
        account.Should().NotBeNull();
        account!.Roles.Should().Equal("admin");
        account.Unit.Id.Should().Be(1);
        account.DisplayName.Should().Be("首任管理员");
        var passwords = new Passwords();
        passwords.Verify(account.PasswordHash, Password).Should().Be(PasswordVerificationResult.Success);
        passwords.Verify(account.PasswordHash, Password + "!").Should().Be(PasswordVerificationResult.Failed);
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND entity_id = @Id AND username = 'cli:operator'", new { Id = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Should().Be(1);
    }

    [Fact]
    public async Task Add_WithRolesRepeatedAndCommaSeparated_GivesTheUserEachOnce()
    {
        var run = _db.RunWithInput(
            Password, "users", "add", "-u", "county-lead", "--role", "manager,auditor", "--role", "Manager", "--unit", "1", "--password-stdin");

        run.ExitCode.Should().Be(0, run.Error);
        (await _db.Services().Users.FindByUsernameAsync("county-lead"))!.Roles.Should().BeEquivalentTo("manager", "auditor");
    }

    [Theory]
    [InlineData("short-pass", "admin", "1", "too short")]
    [InlineData(Password, "boss", "1", "Unknown role 'boss'")]
    [InlineData(Password, "admin", "999", "There is no unit 999")]
    public void Add_WithABadArgument_FailsInOneLine_AndCreatesNobody(string password, string role, string unit, string reason)
    {
        var run = _db.RunWithInput(password, "users", "add", "--username", "someone", "--role", role, "--unit", unit, "--password-stdin");

        run.ShouldFailWithOneLine(reason);
        _db.Scalar("SELECT COUNT(*) FROM users WHERE username = 'someone'").Should().Be(0);
    }

    [Fact]
    public void Add_OfAUsernameTakenInAnotherCase_IsRefused()
    {
        var run = _db.RunWithInput(Password, "users", "add", "--username", "SEED-MEDIATOR-AJ", "--role", "mediator", "--unit", "1", "--password-stdin");

        run.ShouldFailWithOneLine("already exists");
        _db.Scalar("SELECT COUNT(*) FROM users").Should().Be(1);
    }

    [Fact]
    public void Add_WithoutATerminalOrPasswordStdin_SaysHowToPassThePassword()
    {
        var run = _db.Run("users", "add", "--username", "someone", "--role", "admin", "--unit", "1");

        run.ShouldFailWithOneLine("--password-stdin");
    }

    [Fact]
    public void List_OfAUnit_ShowsItsSubtreesUsersOnly()
    {
        var town = _db.Scalar("SELECT MIN(id) FROM org_units WHERE kind = 'town'");
        _db.RunWithInput(Password, "users", "add", "--username", "town-clerk", "--role", "township", "--unit", town.ToString(System.Globalization.CultureInfo.InvariantCulture), "--password-stdin")
            .ExitCode.Should().Be(0);

        var ofTown = _db.Run("users", "list", "--unit", town.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var all = _db.Run("users", "list");

        ofTown.ExitCode.Should().Be(0, ofTown.Error);
        ofTown.Output.Should().Contain("town-clerk").And.Contain("township").And.NotContain("seed-mediator-aj").And.Contain("1 users");
        all.Output.Should().Contain("town-clerk").And.Contain("seed-mediator-aj").And.Contain("2 users");
    }

    [Fact]
    public async Task Disable_ThenEnable_TurnsTheAccountOffAndOnAgain_EachAudited()
    {
        var disabled = _db.Run("users", "disable", "--username", "SEED-MEDIATOR-AJ");

        disabled.ExitCode.Should().Be(0, disabled.Error);
        disabled.Output.Should().Contain("disabled user seed-mediator-aj");
        (await _db.Services().Users.FindByUsernameAsync("seed-mediator-aj"))!.IsActive.Should().BeFalse();
        _db.Run("users", "list").Output.Should().Contain("inactive");
        _db.Run("users", "disable", "-u", "seed-mediator-aj").Output.Should().Contain("already inactive");

        var enabled = _db.Run("users", "enable", "-u", "seed-mediator-aj");

        enabled.ExitCode.Should().Be(0, enabled.Error);
        (await _db.Services().Users.FindByUsernameAsync("seed-mediator-aj"))!.IsActive.Should().BeTrue();
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user.deactivate' AND username = 'cli:operator'").Should().Be(1);
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user.activate' AND username = 'cli:operator'").Should().Be(1);
    }

    [Fact]
    public void Disable_OfNobody_FailsInOneLine()
    {
        _db.Run("users", "disable", "--username", "nobody-here").ShouldFailWithOneLine("There is no user 'nobody-here'");
    }

    public void Dispose() => _db.Dispose();
}
