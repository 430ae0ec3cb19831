using System.Text.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Tests.Adapters.NeverLetGo;

/// <summary>
/// The mail issue 13 added, one of each, with fixed ids and times so every adapter renders it the same way every
/// time: the sender told to re-route after a rejection, an escalation on request sent again with its acknowledgement
/// date, a binding decision notice, and retours accepted and refused.
/// </summary>
public static class NeverLetGoMails
{
    public static readonly Guid HandoverId = Guid.Parse("6a1f0e2d-3c4b-4a59-8e7d-6c5b4a392817");
    static readonly DateTimeOffset At = new(2027, 2, 1, 10, 0, 0, TimeSpan.FromHours(1));

    static AgencyMail Mail(string to, string kind, string mailId, string sender, string receiver) => new()
    {
        MailId = Guid.Parse(mailId), To = to, Kind = kind, HandoverId = HandoverId, Sender = sender, Receiver = receiver, At = At,
    };

    /// <summary>The receiver rejected and suggests the CJG: the sender (<paramref name="to"/>) must re-route by Monday 8 February, 10:00.</summary>
    public static AgencyMail RerouteAfterRejection(string to, string rejectedBy = "cjg-tilburg") =>
        Mail(to, AgencyMailKinds.Feedback, "7b2a1f3e-4d5c-4b6a-9f8e-7d6c5b4a3921", to, rejectedBy) with
        {
            Feedback = Element($$"""
                { "schemaVersion": "1.0", "messageId": "8c3b2a4f-5e6d-4c7b-a09f-8e7d6c5b4a32", "handoverId": "{{HandoverId}}", "kind": "rejection",
                  "at": "2027-02-01T10:00:00+01:00", "by": { "agencyId": "{{rejectedBy}}" },
                  "reason": "Lichte ondersteuning volstaat; het wijkteam past beter.", "suggestedAgencyId": "gemeente-tilburg" }
                """),
            Reroute = new RerouteNotice { DueAt = new DateTimeOffset(2027, 2, 8, 10, 0, 0, TimeSpan.FromHours(1)), SuggestedAgencyId = "gemeente-tilburg" },
        };

    /// <summary>A waiting list answer to the sender: accepted, care expected from 1 March.</summary>
    public static AgencyMail AcceptedWaiting(string to, string by = "cjg-tilburg") =>
        Mail(to, AgencyMailKinds.Feedback, "9d4c3b5a-6f7e-4d8c-b1a0-9f8e7d6c5b43", to, by) with
        {
            Feedback = Element($$"""
                { "schemaVersion": "1.0", "messageId": "0e5d4c6b-7a8f-4e9d-82b1-0a9f8e7d6c54", "handoverId": "{{HandoverId}}", "kind": "accepted-waiting",
                  "at": "2027-02-01T10:00:00+01:00", "by": { "agencyId": "{{by}}" }, "expectedStart": "2027-03-01", "reason": "Wachtlijst gezinsbegeleiding" }
                """),
        };

    /// <summary>An escalation on request (no capacity) at level 2, sent again to <paramref name="to"/>: not acknowledged in time.</summary>
    public static AgencyMail EscalationRenotice(string to) =>
        Mail(to, AgencyMailKinds.EscalationRaised, "1f6e5d7c-8b9a-4f0e-93c2-1b0a9f8e7d65", "school-de-regenboog", "bjz-noord-brabant") with
        {
            Escalation = new EscalationNotice
            {
                EscalationId = Guid.Parse("2a7f6e8d-9cab-4a1f-84d3-2c1b0a9f8e76"),
                Level = 2,
                DeadlineKind = "request",
                OverdueSince = new DateTimeOffset(2027, 1, 28, 14, 0, 0, TimeSpan.FromHours(1)),
                ResponsibleAgency = "school-de-regenboog",
                Addressees =
                [
                    new EscalationAddressee { AgencyId = "bjz-noord-brabant", Role = "manager" },
                    new EscalationAddressee { AgencyId = "gemeente-tilburg", Role = "process-manager" },
                ],
                Reason = "no-capacity",
                RequestedBy = "school-de-regenboog",
                AcknowledgeBy = new DateTimeOffset(2027, 1, 29, 14, 0, 0, TimeSpan.FromHours(1)),
                Renotice = true,
            },
        };

    /// <summary>A binding decision: <paramref name="to"/> is bound and must comply by 15 February.</summary>
    public static AgencyMail Decision(string to) =>
        Mail(to, AgencyMailKinds.Notice, "3b8a7f9e-0dbc-4b2a-95e4-3d2c1b0a9f87", "school-de-regenboog", "bjz-noord-brabant") with
        {
            Notice = new HubNotice
            {
                Kind = NoticeKinds.Decision,
                Title = "Besluit met doorzettingsmacht: deze instantie is eraan gebonden",
                Facts = new Dictionary<string, string>
                {
                    ["handoverId"] = HandoverId.ToString(),
                    ["escalationId"] = "2a7f6e8d-9cab-4a1f-84d3-2c1b0a9f8e76",
                    ["decisionId"] = "4c9b8a0f-1edc-4c3b-a6f5-4e3d2c1b0a98",
                    ["decidedBy"] = "Wethouder jeugd",
                    ["reference"] = "https://besluiten.tilburg.example/2027/0042",
                    ["agencyId"] = to,
                    ["complyBy"] = "2027-02-15",
                },
            },
        };

    /// <summary>The hub accepted the agency's message <paramref name="source"/> and made handover <see cref="HandoverId"/>.</summary>
    public static AgencyMail RetourAccepted(string to, string? source) =>
        Mail(to, AgencyMailKinds.Retour, "5d0c9b1a-2fed-4d4c-b7a6-5f4e3d2c1b09", to, "bjz-noord-brabant") with
        {
            Retour = new RetourNotice
            {
                MessageId = Guid.Parse("6e1d0c2b-3a0f-4e5d-88b7-6a5f4e3d2c10"), SourceMessageId = source, HandoverId = HandoverId,
                Status = RetourCodes.Accepted, Codes = [RetourCodes.NoRemark],
            },
        };

    /// <summary>The hub refused a message it could not take: two problems, each by its path, never a value.</summary>
    public static AgencyMail RetourRefused(string to, string? source, params string[] paths) =>
        Mail(to, AgencyMailKinds.Retour, "7f2e1d3c-4b1a-4f6e-99c8-7b6a5f4e3d21", to, "hub") with
        {
            Retour = new RetourNotice
            {
                MessageId = Guid.Parse("8a3f2e4d-5c2b-4a7f-8ad9-8c7b6a5f4e32"), SourceMessageId = source, HandoverId = null,
                Status = RetourCodes.Refused, Codes = paths.Select(RetourCodes.Invalid).ToList(),
            },
        };

    static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
