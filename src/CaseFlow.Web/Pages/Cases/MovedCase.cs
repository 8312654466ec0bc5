using System.Text.Json;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>
/// A case an action just moved out of the caller's units (an escalation above them), as the workbench names it once
/// afterwards: its number, the unit it went to and the action. Carried in TempData, never read from the address.
/// </summary>
public sealed record MovedCase(long Id, string Number, string UnitName, string? Action = null)
{
    public const string Key = "moved-case";

    public static string Write(MovedCase moved) => JsonSerializer.Serialize(moved);

    public static MovedCase? Read(object? stored)
    {
        if (stored is not string text)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MovedCase>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
