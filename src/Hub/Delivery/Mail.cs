using System.Text.Json;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Delivery;

/// <summary>Builds the agency mail the saga decides to send; the postman delivers it.</summary>
public static class Mail
{
    public static AgencyMail Handover(HandoverState state, DateTimeOffset at) =>
        New(state, state.Receiver, AgencyMailKinds.Handover, at);

    public static AgencyMail Feedback(HandoverState state, string to, JsonElement? feedback, DateTimeOffset at) =>
        New(state, to, AgencyMailKinds.Feedback, at) with { Feedback = feedback };

    public static AgencyMail Escalation(HandoverState state, string to, string kind, EscalationNotice notice, DateTimeOffset at) =>
        New(state, to, kind, at) with { Escalation = notice };

    public static AgencyMail Notice(HandoverState state, string to, HubNotice notice, DateTimeOffset at) =>
        New(state, to, AgencyMailKinds.Notice, at) with { Notice = notice };

    static AgencyMail New(HandoverState state, string to, string kind, DateTimeOffset at) => new()
    {
        MailId = Guid.NewGuid(),
        To = to,
        Kind = kind,
        HandoverId = state.CorrelationId,
        Sender = state.Sender,
        Receiver = state.Receiver,
        At = at,
        Purpose = state.Purpose,
        LegalBasis = state.LegalBasis,
    };
}
