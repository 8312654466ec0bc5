using System.Globalization;
using System.Text;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain.Calendar;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Calendars;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Admin;

/// <summary>
/// The yearly calendar step for administrators (DESIGN §9): each loaded year, the open deadlines computed without a
/// calendar, and an upload of a year's file checked line by line before anything is written.
/// </summary>
public sealed class CalendarsModel(CalendarStore store, CalendarLoader loader, DeadlineRecomputer recomputer) : AppPageModel
{
    /// <summary>The largest calendar file accepted: a year lists at most 366 short lines.</summary>
    public const int MaxFileBytes = 64 * 1024;

    protected override string? Policy => Policies.CanAdminister;

    public IReadOnlyList<CalendarYearInfo> Years { get; private set; } = [];

    public IReadOnlyList<MissingCalendarDeadline> Missing { get; private set; } = [];

    /// <summary>The days of the year shown (?year=), or of the year just loaded.</summary>
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? ShownYear { get; set; }

    /// <summary>The year typed into the upload form, shown again with its errors.</summary>
    public string? UploadYear { get; private set; }

    public IReadOnlyList<string> LineErrors { get; private set; } = [];

    public string? Loaded { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? uploadYear, IFormFile? file)
    {
        UploadYear = uploadYear;
        var errors = new ValidationErrors();
        int? year = null;
        if (string.IsNullOrWhiteSpace(uploadYear))
        {
            errors.Add("uploadYear", ValidationMessages.Required);
        }
        else if (!int.TryParse(uploadYear.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < CalendarYearFile.MinYear || y > CalendarYearFile.MaxYear)
        {
            errors.Add("uploadYear", ValidationMessages.OutOfRange, CalendarYearFile.MinYear, CalendarYearFile.MaxYear);
        }
        else
        {
            year = y;
        }

        if (file is null || file.Length == 0)
        {
            errors.Add("file", ValidationMessages.Required);
        }
        else if (file.Length > MaxFileBytes)
        {
            errors.Add("file", ValidationMessages.FileTooLarge, MaxFileBytes / 1024);
        }

        if (!errors.IsEmpty || year is null || file is null)
        {
            Errors = new FormErrors(errors, Language);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }

        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }

        var outcome = await loader.LoadAsync(year.Value, text, Path.GetFileName(file.FileName), Me.ToAuditActor(), HttpContext.RequestAborted);
        if (!outcome.Check.IsValid)
        {
            LineErrors = [.. outcome.Check.Errors.Select(e => CalendarText.Describe(e, Language))];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else if (outcome.Import is { } import)
        {
            var moved = outcome.Recompute?.Moved ?? 0;
            Loaded = import.Changed
                ? T($"{import.Year} 年日历已导入（第 {import.Version} 版，{import.DayCount} 天）；{moved} 件案件的期限已按新日历重新计算。",
                    $"The {import.Year} calendar is loaded (version {import.Version}, {import.DayCount} days); the deadlines of {moved} cases were recomputed.")
                : T($"{import.Year} 年日历与已导入的完全相同，未作改动。", $"The {import.Year} calendar is the same as the one loaded; nothing changed.");
            ShownYear = import.Year;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Years = await store.ListYearsAsync(ct);
        Missing = await recomputer.MissingCalendarAsync(ct: ct);
        if (ShownYear is { } year and >= CalendarYearFile.MinYear and <= CalendarYearFile.MaxYear)
        {
            Days = await store.DaysAsync(year, ct);
        }
    }
}

/// <summary>The calendar file's line problems in the user's language.</summary>
public static class CalendarText
{
    public static string Describe(CalendarLineError error, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Chinese;
        var text = error.Text;
        var what = error.Problem switch
        {
            CalendarLineProblem.MissingHeader => zh ? $"第一行应为表头 {CalendarFile.Header}" : $"the first line must be the header {CalendarFile.Header}",
            CalendarLineProblem.WrongFieldCount => zh ? $"应有 3 列（{CalendarFile.Header}）：{text}" : $"expected 3 fields ({CalendarFile.Header}): {text}",
            CalendarLineProblem.BadDate => zh ? $"“{text}”不是 yyyy-MM-dd 格式的日期" : $"'{text}' is not a date in the form yyyy-MM-dd",
            CalendarLineProblem.BadOffDayFlag => zh ? $"is_off_day 应为 true 或 false，而不是“{text}”" : $"is_off_day must be true or false, not '{text}'",
            CalendarLineProblem.MissingName => zh ? $"{text} 没有名称" : $"{text} has no name",
            CalendarLineProblem.NameTooLong => zh ? $"{text} 的名称超过 {CalendarYearFile.MaxNameLength} 个字" : $"the name of {text} is longer than {CalendarYearFile.MaxNameLength} characters",
            CalendarLineProblem.OutsideYear => zh ? $"{text} 不在所导入的年份内" : $"{text} is not in the year being loaded",
            CalendarLineProblem.DuplicateDate => zh ? $"{text} 重复列出" : $"{text} is listed twice",
            CalendarLineProblem.MakeUpDayNotOnWeekend => zh ? $"{text} 是调休上班日，但不是星期六或星期日" : $"{text} is a make-up working day but not a Saturday or Sunday",
            CalendarLineProblem.NoDays => zh ? "文件中没有任何日期" : "the file lists no day",
            _ => error.Problem.ToString(),
        };
        return error.Problem == CalendarLineProblem.NoDays
            ? what
            : zh ? $"第 {error.Line} 行：{what}" : $"Line {error.Line}: {what}";
    }
}
