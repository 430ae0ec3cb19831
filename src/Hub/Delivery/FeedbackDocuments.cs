using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// The canonical feedback document rebuilt from a feedback event that carries none (Document is optional
/// on the bus), so every agency format can still render the mail: the adapters need the kind and the parties.
/// </summary>
public static class FeedbackDocuments
{
    public static JsonElement From(FeedbackEvent e)
    {
        var doc = new JsonObject
        {
            ["schemaVersion"] = "1.0",
            ["messageId"] = e.FeedbackMessageId.ToString(),
            ["handoverId"] = e.HandoverId.ToString(),
            ["kind"] = KindOf(e),
            ["by"] = new JsonObject { ["agencyId"] = e.By },
            ["at"] = e.At.ToString("O"),
        };
        if (e.Note is not null)
            doc["note"] = e.Note;
        switch (e)
        {
            case HandoverRejected r:
                doc["reason"] = r.Reason;
                if (r.SuggestedAgencyId is not null)
                    doc["suggestedAgencyId"] = r.SuggestedAgencyId;
                break;
            case HandoverWithdrawn w:
                doc["reason"] = w.Reason;
                break;
            case CareStarted { PlannedEndDate: { } end }:
                doc["plannedEndDate"] = end.ToString("yyyy-MM-dd");
                break;
            case CareEnded { Outcome: { } outcome }:
                doc["outcome"] = outcome;
                break;
        }
        return JsonSerializer.SerializeToElement(doc, HubJson.Options);
    }

    static string KindOf(FeedbackEvent e) => e switch
    {
        ReceiptConfirmed => FeedbackKinds.Receipt,
        HandoverRejected => FeedbackKinds.Rejection,
        CareStarted => FeedbackKinds.CareStarted,
        ProgressReported => FeedbackKinds.Progress,
        CareEnded => FeedbackKinds.CareEnded,
        HandoverWithdrawn => FeedbackKinds.Withdrawal,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name),
    };
}
