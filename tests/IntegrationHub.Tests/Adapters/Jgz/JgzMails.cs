using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>Mail as the hub would put it in a JGZ's queue, built from the published examples.</summary>
public static class JgzMails
{
    public static readonly Guid HandoverId = Guid.Parse("5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60");
    static readonly DateTimeOffset At = new(2026, 11, 23, 9, 16, 0, TimeSpan.FromHours(1));

    /// <summary>Kevin's handover, addressed to JGZ Tilburg instead of BJZ.</summary>
    public static JsonObject KevinHandover()
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!.AsObject();
        doc["receiver"]!["agencyId"] = "jgz-tilburg";
        return doc;
    }

    public static AgencyMail Handover(JsonObject? handover = null)
    {
        var doc = handover ?? KevinHandover();
        return new AgencyMail
        {
            MailId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
            To = doc["receiver"]!["agencyId"]!.GetValue<string>(),
            Kind = AgencyMailKinds.Handover,
            HandoverId = HandoverId,
            Sender = doc["sender"]!["agencyId"]!.GetValue<string>(),
            Receiver = doc["receiver"]!["agencyId"]!.GetValue<string>(),
            At = At,
            Handover = Element(doc),
        };
    }

    /// <summary>Feedback for a handover JGZ Tilburg sent to BJZ.</summary>
    public static AgencyMail Feedback(JsonObject feedback) => new()
    {
        MailId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3302"),
        To = "jgz-tilburg",
        Kind = AgencyMailKinds.Feedback,
        HandoverId = HandoverId,
        Sender = "jgz-tilburg",
        Receiver = "bjz-noord-brabant",
        At = At,
        Feedback = Element(feedback),
    };

    public static JsonObject Rejection() =>
        JsonNode.Parse(RepoFiles.Read("docs", "examples", "feedback-rejection.json"))!.AsObject();

    public static AgencyMail Escalation(string kind = AgencyMailKinds.EscalationRaised) => new()
    {
        MailId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3303"),
        To = "jgz-tilburg",
        Kind = kind,
        HandoverId = HandoverId,
        Sender = "jgz-tilburg",
        Receiver = "bjz-noord-brabant",
        At = new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.FromHours(1)),
        Escalation = new EscalationNotice
        {
            Level = 2,
            DeadlineKind = "care-started",
            OverdueSince = new DateTimeOffset(2026, 12, 7, 9, 16, 0, TimeSpan.FromHours(1)),
            ResponsibleAgency = "jgz-tilburg",
            Addressees =
            [
                new EscalationAddressee { AgencyId = "bjz-noord-brabant", Role = "manager", Name = "H. Claassen", Email = "manager@bjz.example" },
                new EscalationAddressee { AgencyId = "jgz-tilburg", Role = "manager", Name = "K. van Dijk (manager JGZ)", Email = "manager@jgz-tilburg.example" },
            ],
            ResolvedAt = kind == AgencyMailKinds.EscalationResolved ? new DateTimeOffset(2026, 12, 10, 11, 0, 0, TimeSpan.FromHours(1)) : null,
            ResolvedBy = kind == AgencyMailKinds.EscalationResolved ? "bjz-noord-brabant" : null,
        },
    };

    static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}
