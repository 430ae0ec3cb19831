using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// A handover for a JGZ becomes a transaction Bundle it can post to its own FHIR server as is:
/// conditional creates keyed on the handover id, BSN and agency id, so a redelivery creates nothing twice.
/// </summary>
static class HandoverRenderer
{
    public static Bundle Render(AgencyMail mail)
    {
        var handover = mail.HandoverDocument();
        var urls = new Urls(mail.MailId);
        var sender = Text(handover.Sender.AgencyId);
        var receiver = Text(handover.Receiver.AgencyId);
        var professional = ProfessionalRenderer.Of(handover.Sender.Professional);
        var senderRef = To(urls.Sender, sender);
        var receiverRef = To(urls.Receiver, receiver);
        var priority = JgzVocabulary.PriorityOf(handover.Urgency);
        var authored = DateTime(handover.SentAt ?? mail.At);

        var entries = new List<Bundle.EntryComponent>
        {
            Entry(urls.Task, TaskOf(mail, handover, urls, senderRef, receiverRef, priority, authored), $"identifier={JgzSystems.Handover}|{mail.HandoverId}"),
            Entry(urls.ServiceRequest, ServiceRequestOf(handover, urls, professional is not null ? To(urls.PractitionerRole, professional.Name) : senderRef, receiverRef, priority, authored)),
            Entry(urls.Patient, PatientRenderer.Render(handover), Text(handover.Subject.Bsn) is { } bsn ? $"identifier={JgzSystems.Bsn}|{bsn}" : null),
            Entry(urls.Sender, Organization(sender), sender is not null ? $"identifier={JgzSystems.Agency}|{sender}" : null),
            Entry(urls.Receiver, Organization(receiver), receiver is not null ? $"identifier={JgzSystems.Agency}|{receiver}" : null),
        };
        if (professional is not null)
        {
            entries.Add(Entry(urls.Practitioner, professional.Practitioner));
            entries.Add(Entry(urls.PractitionerRole, professional.RoleAt(To(urls.Practitioner, professional.Name), senderRef)));
        }
        if (handover.LegalBasis.Kind == "consent")
            entries.Add(Entry(urls.Consent, ConsentRenderer.Render(handover.LegalBasis, To(urls.Patient))));

        var bundle = new Bundle
        {
            Id = mail.MailId.ToString(),
            Identifier = new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() },
            Type = Bundle.BundleType.Transaction,
            TimestampElement = new Instant(mail.At),
        };
        bundle.Entry.AddRange(entries);
        return bundle;
    }

    static FhirTask TaskOf(AgencyMail mail, HandoverDocument handover, Urls urls, ResourceReference senderRef, ResourceReference receiverRef,
        RequestPriority priority, string authored)
    {
        var basis = handover.LegalBasis;
        var task = new FhirTask
        {
            Text = Narratives.Of(
                $"Overdracht (handover) {mail.HandoverId} from {senderRef.Display ?? "the sender"} to {receiverRef.Display ?? "the receiver"}.",
                $"Requested: {Text(handover.RequestedAction) ?? "(not given)"}; urgency {Text(handover.Urgency) ?? "regular"}; purpose {Text(handover.Purpose) ?? "care"}.",
                $"Legal basis: {Text(basis.Kind) ?? "(not given)"}{(Text(basis.Reference) is { } reference ? $" ({reference})" : "")}."),
            Status = FhirTask.TaskStatus.Requested,
            Intent = FhirTask.TaskIntent.Order,
            Priority = priority,
            Focus = To(urls.ServiceRequest),
            For = To(urls.Patient),
            AuthoredOn = authored,
            Requester = senderRef,
            Owner = receiverRef,
            ReasonCode = basis.Kind == "consent" ? null : Concept(JgzSystems.LegalBasis, basis.Kind, basis.Reference),
        };
        task.Identifier.Add(HandoverIdentifier(mail.HandoverId));
        return task;
    }

    static ServiceRequest ServiceRequestOf(HandoverDocument handover, Urls urls, ResourceReference requester, ResourceReference receiverRef,
        RequestPriority priority, string authored)
    {
        var concerns = handover.Concerns.Where(c => Text(c.Domain) is not null || Text(c.Description) is not null).ToList();
        var request = new ServiceRequest
        {
            Text = Narratives.Of(
                [$"Requested: {Text(handover.RequestedAction) ?? "(not given)"} (purpose {Text(handover.Purpose) ?? "care"}).",
                 .. concerns.Select(c => $"Concern, {Text(c.Domain) ?? "domain not given"}: {Text(c.Description) ?? "(no description)"}"),
                 Text(handover.Summary)]),
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Priority = priority,
            Code = Concept(JgzSystems.RequestedAction, handover.RequestedAction),
            Subject = To(urls.Patient),
            AuthoredOn = authored,
            Requester = requester,
        };
        request.Category.AddIfAny(Concept(JgzSystems.Purpose, handover.Purpose));
        request.Performer.Add(receiverRef);
        foreach (var concern in concerns)
            request.ReasonCode.AddIfAny(Concept(JgzSystems.LifeDomain, concern.Domain, concern.Description));
        if (Text(handover.Summary) is { } summary)
            request.Note.Add(new Annotation { Text = summary });
        return request;
    }

    static Bundle.EntryComponent Entry(string fullUrl, Resource resource, string? ifNoneExist = null) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName, IfNoneExist = ifNoneExist },
    };

    sealed class Urls(Guid mailId)
    {
        public string Task { get; } = Urn(mailId, "Task");
        public string ServiceRequest { get; } = Urn(mailId, "ServiceRequest");
        public string Patient { get; } = Urn(mailId, "Patient");
        public string Sender { get; } = Urn(mailId, "Organization/sender");
        public string Receiver { get; } = Urn(mailId, "Organization/receiver");
        public string Practitioner { get; } = Urn(mailId, "Practitioner");
        public string PractitionerRole { get; } = Urn(mailId, "PractitionerRole");
        public string Consent { get; } = Urn(mailId, "Consent");
    }
}
