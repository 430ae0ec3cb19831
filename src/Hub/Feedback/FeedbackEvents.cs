using System.Text.Json;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Feedback;

/// <summary>Turns canonical feedback into the lifecycle event the handover machine takes, and back to its kind.</summary>
public static class FeedbackEvents
{
    static readonly Dictionary<Type, string> Kinds = new()
    {
        [typeof(ReceiptConfirmed)] = FeedbackKinds.Receipt,
        [typeof(HandoverRejected)] = FeedbackKinds.Rejection,
        [typeof(CareStarted)] = FeedbackKinds.CareStarted,
        [typeof(ProgressReported)] = FeedbackKinds.Progress,
        [typeof(CareEnded)] = FeedbackKinds.CareEnded,
        [typeof(HandoverWithdrawn)] = FeedbackKinds.Withdrawal,
        [typeof(AcceptedWaiting)] = FeedbackKinds.AcceptedWaiting,
        [typeof(AftercarePlanMade)] = FeedbackKinds.AftercarePlan,
        [typeof(CareRetained)] = FeedbackKinds.Retained,
        [typeof(CaseClosed)] = FeedbackKinds.Closed,
    };

    /// <summary>The public feedback kind (feedback.schema.json) of a lifecycle event type.</summary>
    public static string KindOf(Type eventType) => Kinds[eventType];

    public static FeedbackEvent From(FeedbackDocument f, Guid handoverId, DateTimeOffset at, JsonElement document) => f.Kind switch
    {
        FeedbackKinds.Receipt => new ReceiptConfirmed { HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document },
        FeedbackKinds.Rejection => new HandoverRejected
        {
            HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document,
            Reason = f.Reason!, SuggestedAgencyId = f.SuggestedAgencyId,
        },
        FeedbackKinds.CareStarted => new CareStarted
        {
            HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document,
            PlannedEndDate = f.PlannedEndDate,
        },
        FeedbackKinds.Progress => new ProgressReported { HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document },
        FeedbackKinds.CareEnded => new CareEnded
        {
            HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document, Outcome = f.Outcome,
        },
        FeedbackKinds.Withdrawal => new HandoverWithdrawn
        {
            HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document, Reason = f.Reason!,
            ReasonCode = f.ReasonCode,
        },
        FeedbackKinds.AcceptedWaiting => new AcceptedWaiting
        {
            HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document,
            ExpectedStart = f.ExpectedStart!.Value, Reason = f.Reason!,
        },
        FeedbackKinds.AftercarePlan => new AftercarePlanMade { HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document },
        FeedbackKinds.Retained => new CareRetained { HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document },
        FeedbackKinds.Closed => new CaseClosed
        {
            HandoverId = handoverId, FeedbackMessageId = f.MessageId, By = f.By.AgencyId, At = at, Note = f.Note, Document = document, ReasonCode = f.ReasonCode!,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "unknown feedback kind"),
    };
}
