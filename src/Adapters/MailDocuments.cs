using System.Text.Json;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters;

/// <summary>The canonical document a piece of mail carries, for renderers; mail without it cannot be rendered.</summary>
public static class MailDocuments
{
    public static HandoverDocument HandoverDocument(this AgencyMail mail) => Read<HandoverDocument>(mail.Handover, mail, "handover document");

    public static FeedbackDocument FeedbackDocument(this AgencyMail mail) => Read<FeedbackDocument>(mail.Feedback, mail, "feedback document");

    static T Read<T>(JsonElement? json, AgencyMail mail, string what) where T : class =>
        json?.Deserialize<T>(HubJson.Options)
        ?? throw new ArgumentException($"mail {mail.MailId} of kind '{mail.Kind}' carries no {what}", nameof(mail));
}
