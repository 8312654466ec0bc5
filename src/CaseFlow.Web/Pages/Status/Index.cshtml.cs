using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Status;

/// <summary>
/// The page a browser gets for a bodiless error status (an unknown address, the jobs dashboard's 401 and 403): the
/// status code pages middleware re-executes the request here with its method, so both handlers answer alike.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel : AppPageModel
{
    protected override bool AllowAnonymous => true;

    public IActionResult OnGet(int code) => Answer(code);

    public IActionResult OnPost(int code) => Answer(code);

    private PartialViewResult Answer(int code) => Status(code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound);
}
