using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// A notice of the hub's own (a transition plan needed, a binding decision, compliance overdue; the chain's coordination,
/// plan and case-meeting notices) becomes a Communication about the handover's Task or the family (a logical Group): categorised as a notice and by its kind, its title and facts as text. Facts are ids, dates
/// and agencies, never personal data.
/// </summary>
static class NoticeRenderer
{
    public static Communication Render(AgencyMail mail)
    {
        var notice = mail.Notice ?? throw new ArgumentException("notice mail without a notice", nameof(mail));
        var facts = notice.Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}").ToList();
        var about = mail.HandoverId != Guid.Empty;
        var head = about ? $"{notice.Title} (handover {mail.HandoverId})." : $"{notice.Title}.";
        var text = string.Join(" ", new[] { head }.Concat(facts.Count > 0 ? [string.Join("; ", facts) + "."] : []));
        var communication = new Communication
        {
            Text = Narratives.Of([head, .. facts]),
            Status = EventStatus.Completed,
            Priority = RequestPriority.Routine,
            Sent = DateTime(mail.At),
            Sender = new ResourceReference { Display = "IntegrationHub" },
        };
        communication.Identifier.Add(new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() });
        communication.Category.AddIfAny(Concept(JgzSystems.MailKind, mail.Kind, "melding (notice)"));
        communication.Category.AddIfAny(Concept(JgzSystems.NoticeKind, notice.Kind, notice.Title));
        if (about)
            communication.About.Add(new ResourceReference { Type = "Task", Identifier = HandoverIdentifier(mail.HandoverId) });
        // The chain's notices name the family they are about: a logical Group, never a Patient.
        if (notice.Facts.TryGetValue("familyId", out var family) && Guid.TryParse(family, out _))
            communication.About.Add(new ResourceReference { Type = "Group", Identifier = new Identifier { System = JgzSystems.Family, Value = family } });
        communication.Recipient.Add(Agency(mail.To));
        communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(text) });
        return communication;
    }
}
