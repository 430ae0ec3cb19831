using System.Globalization;
using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// The chain's mail: a match (kind match) and the hub's notices (kind notice), gathered during a unit and written to
/// the outbox with it. Mail about a family or match, not one handover, carries <see cref="Guid.Empty"/> as its
/// handover id and the hub as its sender; every adapter renders both kinds in the agency's own format. The people the
/// directory names at each agency hear of it by e-mail (<see cref="Email.PeopleMailPlanner"/>), planned with the mail and
/// written in the same unit, as the handover saga's <see cref="Handover.Emissions"/> are.
/// </summary>
public sealed class ChainMail(Email.PeopleMailPlanner people)
{
    readonly List<AgencyMail> _mail = [];

    public IReadOnlyList<AgencyMail> Mail => _mail;

    public void Match(string to, MatchNotice match, DateTimeOffset at) =>
        _mail.Add(New(to, AgencyMailKinds.Match, at, null) with { Match = match });

    /// <param name="handover">the handover the notice is about, when it is about one.</param>
    public void Notice(string to, string kind, string title, IReadOnlyDictionary<string, string> facts, DateTimeOffset at, Guid? handover = null)
    {
        // The hub's own operators read the dashboard; "hub" is no agency with a mailbox.
        if (to == AgencyDirectory.HubId)
            return;
        _mail.Add(New(to, AgencyMailKinds.Notice, at, handover) with
        {
            Notice = new HubNotice { Kind = kind, Title = title, Facts = facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary() },
        });
    }

    public Task WriteAsync(WriteScope scope) =>
        _mail.Count == 0 ? Task.CompletedTask : OutboxStore.AddAsync(scope, _mail.SelectMany(m => Email.PeopleMailPlanner.Rows(m, people)));

    static AgencyMail New(string to, string kind, DateTimeOffset at, Guid? handover) => new()
    {
        MailId = Guid.NewGuid(),
        To = to,
        Kind = kind,
        HandoverId = handover ?? Guid.Empty,
        Sender = AgencyDirectory.HubId,
        Receiver = to,
        At = at,
    };

    public static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>A professional's contact as a signal or handover gave it: what a match passes on.</summary>
public sealed record ProfessionalContact(string Name, string? Role = null, string? Phone = null, string? Email = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ProfessionalContact FromJson(string json) => JsonSerializer.Deserialize<ProfessionalContact>(json, Json)!;

    public static ProfessionalContact From(Contracts.Handover.Professional? p, Agency? agency) =>
        p is not null ? new(p.Name, p.Role, p.Phone, p.Email)
        // A handover without a named professional: the agency's operational contact stands in.
        : agency?.ContactsFor(1, "team-lead").FirstOrDefault() is { } c ? new(c.Name ?? agency.Name, c.Role, c.Phone, c.Email)
        : new(agency?.Name ?? "onbekend");

    /// <summary>"name (role), phone, e-mail" for a notice's facts.</summary>
    public string Describe() =>
        string.Join(", ", new[] { Role is null ? Name : $"{Name} ({Role})", Phone, Email }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
