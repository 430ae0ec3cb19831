using IntegrationHub.Hub.Delivery;

namespace IntegrationHub.Hub.Outbox;

/// <summary>What the resend check decided for the rows of one batch; a row it does not name is sent as usual.</summary>
/// <param name="AlreadyDropped">Already in the agency queue: deliver without dropping it again.</param>
/// <param name="Held">Not to be sent now. With a reason: the journal could not tell, so the row fails and is retried.
/// Without one: the claim was lost and another dispatcher has the row, so it is left alone.</param>
public sealed record ResendVerdicts(IReadOnlyDictionary<long, DroppedCopy> AlreadyDropped, IReadOnlyDictionary<long, string?> Held)
{
    public static readonly ResendVerdicts None = new(new Dictionary<long, DroppedCopy>(), new Dictionary<long, string?>());

    public DroppedCopy? CopyOf(long rowId) => AlreadyDropped.GetValueOrDefault(rowId);
}
