using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

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
        var hasProfessional = handover.Sender.Professional is not null;
        var senderRef = To(urls.Sender, handover.Sender.AgencyId);
        var receiverRef = To(urls.Receiver, handover.Receiver.AgencyId);
        var priority = JgzVocabulary.PriorityOf(handover.Urgency);
        var authored = DateTime(handover.SentAt ?? mail.At);

        var task = new FhirTask
        {
            Identifier = [HandoverIdentifier(mail.HandoverId)],
            Status = "requested",
            Intent = "order",
            Priority = priority,
            Focus = To(urls.ServiceRequest),
            For = To(urls.Patient),
            AuthoredOn = authored,
            Requester = senderRef,
            Owner = receiverRef,
            ReasonCode = handover.LegalBasis.Kind == "consent" ? null
                : Concept(JgzSystems.LegalBasis, handover.LegalBasis.Kind, handover.LegalBasis.Reference),
        };
        var serviceRequest = new ServiceRequest
        {
            Status = "active",
            Intent = "order",
            Category = [Concept(JgzSystems.Purpose, handover.Purpose)],
            Priority = priority,
            Code = Concept(JgzSystems.RequestedAction, handover.RequestedAction),
            Subject = To(urls.Patient),
            AuthoredOn = authored,
            Requester = hasProfessional ? To(urls.PractitionerRole) : senderRef,
            Performer = [receiverRef],
            ReasonCode = handover.Concerns.Select(c => Concept(JgzSystems.LifeDomain, c.Domain, c.Description)).ToList(),
            Note = handover.Summary is { } summary ? [new Annotation { Text = summary }] : null,
        };

        var entries = new List<BundleEntry>
        {
            Entry(urls.Task, task, $"identifier={JgzSystems.Handover}|{mail.HandoverId}"),
            Entry(urls.ServiceRequest, serviceRequest),
            Entry(urls.Patient, PatientRenderer.Render(handover), $"identifier={JgzSystems.Bsn}|{handover.Subject.Bsn}"),
            Entry(urls.Sender, Organization(handover.Sender.AgencyId), $"identifier={JgzSystems.Agency}|{handover.Sender.AgencyId}"),
            Entry(urls.Receiver, Organization(handover.Receiver.AgencyId), $"identifier={JgzSystems.Agency}|{handover.Receiver.AgencyId}"),
        };
        if (handover.Sender.Professional is { } professional)
        {
            entries.Add(Entry(urls.Practitioner, new Practitioner
            {
                Name = [new HumanName { Text = professional.Name }],
                Telecom = Telecom(professional.Phone, professional.Email),
            }));
            entries.Add(Entry(urls.PractitionerRole, new PractitionerRole
            {
                Practitioner = To(urls.Practitioner, professional.Name),
                Organization = senderRef,
                Code = professional.Role is { } role ? [new CodeableConcept { Text = role }] : null,
            }));
        }
        if (handover.LegalBasis.Kind == "consent")
            entries.Add(Entry(urls.Consent, ConsentOf(handover.LegalBasis, urls)));

        return new Bundle
        {
            Id = mail.MailId.ToString(),
            Identifier = new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() },
            Type = "transaction",
            Timestamp = DateTime(mail.At),
            Entry = entries,
        };
    }

    static Consent ConsentOf(LegalBasis basis, Urls urls)
    {
        var givers = basis.ConsentGivenBy ?? [];
        return new Consent
        {
            Status = "active",
            Scope = new CodeableConcept { Coding = [new Coding { System = JgzSystems.ConsentScope, Code = "patient-privacy" }] },
            Category =
            [
                new CodeableConcept { Coding = [new Coding { System = JgzSystems.Loinc, Code = "59284-0", Display = "Patient Consent" }] },
                .. givers.Select(g => Concept(JgzSystems.ConsentGiver, g)),
            ],
            Patient = To(urls.Patient),
            DateTime = basis.ConsentDate is { } day ? Date(day) : null,
            Performer = givers.Select(g => g == "youth"
                ? To(urls.Patient)
                : new Reference { Type = "RelatedPerson", Display = "ouders (parents)" }).ToList(),
            PolicyRule = basis.Reference is { } reference ? new CodeableConcept { Text = reference } : null,
            Provision = new ConsentProvision { Type = "permit" },
        };
    }

    static BundleEntry Entry(string fullUrl, Resource resource, string? ifNoneExist = null) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new BundleRequest { Method = "POST", Url = resource.TypeName, IfNoneExist = ifNoneExist },
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
