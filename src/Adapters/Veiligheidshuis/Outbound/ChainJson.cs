using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Veiligheidshuis.Outbound.VhhJson;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>
/// The chain around the child for the case-meeting system: a match (whom to call about a child or family it
/// signalled) and the hub's notices (a double case meeting, coordination, the family plan), docs/adapters/veiligheidshuis.md.
/// </summary>
static class ChainJson
{
    public static JsonObject Match(AgencyMail mail)
    {
        var m = mail.Match ?? throw new ArgumentException($"match mail {mail.MailId} carries no match", nameof(mail));
        return Object(
            ("type", "match"),
            ("berichtId", mail.MailId.ToString()),
            ("matchId", m.MatchId.ToString()),
            ("tijdstip", Time(mail.At)),
            ("soort", m.Kind == MatchKinds.Family ? "gezin" : "kind"),
            ("gezinId", m.FamilyId?.ToString()),
            ("uwSignaal", m.SignalId.ToString()),
            ("uwBerichtId", m.SignalMessageId?.ToString()),
            ("uwOverdrachtId", m.SignalHandoverId?.ToString()),
            ("contactBevestigenVoor", Time(m.ConfirmContactBy)),
            ("betrokkenen", Array(m.Others, o => Object(
                ("instantie", o.AgencyId), ("naam", o.Name), ("functie", o.Role), ("telefoon", o.Phone), ("email", o.Email),
                ("gesignaleerdOp", Time(o.SignalledAt))))))!;
    }


}
