using System.Globalization;
using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// The chain around the child as FHIR Communications: a match names the agency's own signal (a logical Flag) and
/// the family (a logical Group) it is about, with one payload line per other party to contact; a notice carries its
/// kind as a category and its facts as payload lines. No Patient: the match says nothing about the child.
/// </summary>
static class ChainRenderer
{
    public static Communication Match(AgencyMail mail)
    {
        var m = mail.Match ?? throw new ArgumentException("match mail without a match", nameof(mail));
        var kind = m.Kind == MatchKinds.Family ? "family match (gezinsmatch)" : "child match (match op het kind)";
        var lines = m.Others.Select(o =>
            $"{o.AgencyId}: {string.Join(", ", new[] { o.Role is null ? o.Name : $"{o.Name} ({o.Role})", o.Phone, o.Email }.Select(Text).OfType<string>())}; signalled {When(o.SignalledAt)}")
            .ToList();
        var head = $"Match {m.MatchId} ({kind}) on your signal {m.SignalId}" + (m.ConfirmContactBy is { } by ? $"; confirm contact by {When(by)}." : ".");
        var communication = New(mail, head, lines, RequestPriority.Urgent);
        communication.Identifier.Add(new Identifier { System = JgzSystems.Match, Value = m.MatchId.ToString() });
        communication.About.Add(new ResourceReference { Type = "Flag", Identifier = new Identifier { System = JgzSystems.Signal, Value = m.SignalId.ToString() } });
        if (m.FamilyId is { } family)
            communication.About.Add(new ResourceReference { Type = "Group", Identifier = new Identifier { System = JgzSystems.Family, Value = family.ToString() } });
        if (m.SignalHandoverId is { } handover)
            communication.About.Add(new ResourceReference { Type = "Task", Identifier = HandoverIdentifier(handover) });
        return communication;
    }

    static Communication New(AgencyMail mail, string head, IReadOnlyList<string> lines, RequestPriority priority)
    {
        var communication = new Communication
        {
            Text = Narratives.Of([head, .. lines]),
            Status = EventStatus.Completed,
            Priority = priority,
            Sent = DateTime(mail.At),
            Sender = new ResourceReference { Display = "IntegrationHub" },
        };
        communication.Identifier.Add(new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() });
        communication.Category.AddIfAny(Concept(JgzSystems.MailKind, mail.Kind, mail.Kind == AgencyMailKinds.Match ? "match (verwijsindex)" : "melding (notice)"));
        communication.Recipient.Add(Agency(mail.To));
        communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(head) });
        foreach (var line in lines.Select(Text).OfType<string>())
            communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(line) });
        return communication;
    }

    static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
