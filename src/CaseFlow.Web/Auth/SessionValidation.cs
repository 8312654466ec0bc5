using System.Globalization;
using System.Security.Claims;
using CaseFlow.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CaseFlow.Web.Auth;

/// <summary>
/// Checks on every request, pages and API alike, that the session's user still exists and is active; a deactivated
/// user's session ends there. The account comes from <see cref="UserStore.FindForSessionAsync"/>, which reads the
/// row again at most every <see cref="UserStore.SessionAccountLifetime"/> and at once after a change in this process.
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!long.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            // CurrentUser.From refuses such a principal anyway.
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var account = await users.FindForSessionAsync(userId, context.HttpContext.RequestAborted);
        if (account is not { IsActive: true })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
