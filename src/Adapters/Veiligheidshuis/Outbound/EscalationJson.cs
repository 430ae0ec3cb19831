using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Veiligheidshuis.Outbound.VhhJson;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>An escalation notice (opschaling) or its resolution, for the process director of the case meeting.</summary>
static class EscalationJson
{
    public static JsonObject Render(AgencyMail mail, bool resolved)
    {
        var n = mail.Escalation ?? throw new ArgumentException($"escalation mail {mail.MailId} carries no notice", nameof(mail));
        return Object(
            ("type", resolved ? "opschaling-opgelost" : "opschaling"),
            ("berichtId", mail.MailId.ToString()),
            ("overdrachtId", mail.HandoverId.ToString()),
            ("tijdstip", Time(mail.At)),
            ("afzenderOverdracht", mail.Sender),
            ("ontvangerOverdracht", mail.Receiver),
            ("niveau", n.Level),
            ("termijn", VhhTerms.DeadlineKind.ToDutch(n.DeadlineKind)),
            ("verlopenSinds", Time(n.OverdueSince)),
            ("verantwoordelijke", n.ResponsibleAgency),
            ("geadresseerden", Array(n.Addressees, a => Object(("instantie", a.AgencyId), ("rol", a.Role), ("naam", a.Name), ("email", a.Email)))),
            ("opgelostOp", Time(n.ResolvedAt)),
            ("opgelostDoor", n.ResolvedBy),
            ("opschalingId", n.EscalationId == Guid.Empty ? null : n.EscalationId.ToString()),
            ("reden", n.Reason is { } reason ? VhhTerms.EscalationReason.ToDutch(reason) : null),
            ("gevraagdDoor", n.RequestedBy),
            ("bevestigenVoor", Time(n.AcknowledgeBy)),
            ("herinnering", n.Renotice ? true : null))!;
    }
}
