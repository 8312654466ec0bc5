using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages;

/// <summary>The sign-in form: the API's sign-in (same lockout, same audit rows) behind a page.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInThrottle.PerAddressPolicy)]
public sealed class LoginModel : AppPageModel
{
    protected override bool AllowAnonymous => true;

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool Refused { get; private set; }

    /// <summary>Too many attempts for this account just now: the page asks to wait.</summary>
    public bool Throttled { get; private set; }

    public IActionResult OnGet() => Shell.User is { } user ? Redirect(Target(user)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new LoginRequest(Username, Password);
        var errors = LoginHandler.Validate(request);
        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            return Page();
        }

        var outcome = await HttpContext.RequestServices.GetRequiredService<LoginHandler>().SignInAsync(request, HttpContext, HttpContext.RequestAborted);
        if (outcome.Throttled)
        {
            Throttled = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Page();
        }

        if (outcome.Account is null)
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return Redirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase)
            ? url
            : "/");
    }

    private string Target(CurrentUser user) => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : IndexModel.HomeOf(user);
}
