using System.Globalization;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// The hub's own notices to the people at the agencies, in the chain's words (Dutch first), with facts that
/// name the handover, dates and agencies, never the child.
/// </summary>
public static class Notices
{
    public static HubNotice TransitionPlanNeeded(HandoverState s) => new()
    {
        Kind = NoticeKinds.TransitionPlanNeeded,
        Title = "Overgangsplan nodig: de jeugdige wordt binnen zes maanden 18 (18-/18+)",
        Facts = new Dictionary<string, string>
        {
            ["handoverId"] = s.CorrelationId.ToString(),
            ["month"] = s.TransitionMonth?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "",
            ["sender"] = s.Sender,
            ["receiver"] = s.Receiver,
        },
    };
}
