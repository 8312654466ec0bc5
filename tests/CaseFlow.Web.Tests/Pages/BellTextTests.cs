using CaseFlow.Data.Notifications;
using CaseFlow.Web.Pages;

namespace CaseFlow.Web.Tests.Pages;

/// <summary>The header bell's figure: exact below the count's cap, "99+" from it on.</summary>
public sealed class BellTextTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(NotificationStore.BellCap - 1, "99")]
    [InlineData(NotificationStore.BellCap, "99+")]
    public void UnreadText_IsTheCountBelowTheCap_AndNinetyNinePlusAtIt(long unread, string shown) =>
        new PageShell { UnreadNotices = unread }.UnreadText.Should().Be(shown);
}
