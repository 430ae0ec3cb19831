using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Retour;

/// <summary>
/// What the hub answered, as a retour: accepted with 0200 (or 0201 when the first answer is no longer on record), or
/// refused with a code per problem, each naming the path it is about and never the value (docs/retour-codes.md).
/// </summary>
public static class RetourAnswers
{
    public static RetourNotice Accepted(Guid messageId, Guid handoverId, bool before = false) => new()
    {
        MessageId = messageId, HandoverId = handoverId, Status = RetourCodes.Accepted, Codes = [before ? RetourCodes.AcceptedBefore : RetourCodes.NoRemark],
    };

    public static RetourNotice Refused(Guid messageId, Guid? handoverId, IEnumerable<RetourCode> codes) => new()
    {
        MessageId = messageId, HandoverId = handoverId, Status = RetourCodes.Refused, Codes = codes.ToList(),
    };

    /// <summary>The retour of an intake's answer; null for a fresh acceptance, whose retour is written with the message itself.</summary>
    public static RetourNotice? For(IntakeResult result, Guid messageId, Guid? handoverId) => result switch
    {
        IntakeResult.Accepted { Duplicate: false } => null,
        IntakeResult.Accepted a => Accepted(messageId, a.HandoverId, before: true),
        IntakeResult.Invalid i => Refused(messageId, handoverId, Invalid(i.Problems)),
        IntakeResult.NotFound => Refused(messageId, handoverId, [RetourCodes.UnknownHandover]),
        IntakeResult.Forbidden f when f.Path.EndsWith("/agencyId", StringComparison.Ordinal) => Refused(messageId, handoverId, [RetourCodes.Impersonation(f.Path)]),
        IntakeResult.Forbidden f => Refused(messageId, handoverId, [RetourCodes.WrongParty(f.Path)]),
        IntakeResult.Conflict c when c.Reason.Contains("already used", StringComparison.Ordinal) => Refused(messageId, handoverId, [RetourCodes.MessageIdReused]),
        IntakeResult.Conflict => Refused(messageId, handoverId, [RetourCodes.DoesNotFit(null)]),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public static IEnumerable<RetourCode> Invalid(IEnumerable<ValidationProblem> problems) => problems.Select(p => RetourCodes.Invalid(p.Path));

    public static IEnumerable<RetourCode> Unreadable(IEnumerable<ValidationProblem> problems) => problems.Select(p => RetourCodes.Unreadable(p.Path));
}
