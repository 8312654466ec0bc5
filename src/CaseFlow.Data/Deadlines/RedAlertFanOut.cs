using System.Data.Common;
using CaseFlow.Data.Notifications;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Deadlines;

/// <summary>
/// Red alerts reach the three parties (DESIGN §4: county union, HR and social security, political-legal office):
/// every red-alert notice a transition leaves for a county becomes one notification per active contact of that
/// county, written by <see cref="Notices"/> in the transition's transaction so an alert is never half-sent.
/// Each also leaves an outbox row for a text message to the contact's phone.
/// </summary>
public static class RedAlertFanOut
{
    /// <summary>The notifications.kind of a message addressed to a county contact rather than to a unit's users.</summary>
    public const string ContactAlertKind = "party_alert";

    /// <summary>The contact notifications for the red-alert notices among <paramref name="notices"/>, for the caller to write.</summary>
    internal static async Task<List<Notice>> NoticesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        long caseId,
        IEnumerable<CaseNotice> notices,
        DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var toContacts = new List<Notice>();
        const string contacts = """
            SELECT party_kind AS PartyKind, organisation AS Organisation, name AS Name, phone AS Phone
            FROM county_contacts
            WHERE county_id = @CountyId AND is_active = 1
            ORDER BY id
            """;
        foreach (var alert in notices.Where(n => n.Kind == NoticeKind.RedAlert))
        {
            var to = await connection.QueryAsync<Contact>(new CommandDefinition(
                contacts, new { CountyId = alert.UnitId }, transaction, cancellationToken: ct));

            // notifications has no contact column: the county's unit owns the row and the text names who is told.
            toContacts.AddRange(to.Select(k => new Notice(
                alert.UnitId, null, caseId, ContactAlertKind, $"致{k.Organisation ?? PartyName(k.PartyKind)} {k.Name}（{k.Phone}）：{alert.Text}", now, k.Phone)));
        }

        return toContacts;
    }

    private static string PartyName(string partyKind) => partyKind switch
    {
        "hrss" => "人力资源和社会保障局",
        "political_legal" => "政法委",
        "county_union" => "总工会",
        _ => partyKind,
    };

    private sealed class Contact
    {
        public string PartyKind { get; init; } = "";
        public string? Organisation { get; init; }
        public string Name { get; init; } = "";
        public string Phone { get; init; } = "";
    }
}
