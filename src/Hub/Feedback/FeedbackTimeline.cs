using System.Data.Common;
using Dapper;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Feedback;

/// <summary>
/// Feedback's dates against its handover (<see cref="FeedbackDateRules"/>): not before the handover was
/// submitted, care not started before the receipt. Refused at intake, because the saga can only fault.
/// </summary>
public sealed class FeedbackTimeline(TimeProvider clock, IntakeLimits limits)
{
    public async Task<IReadOnlyList<ValidationProblem>> CheckAsync(DbConnection connection, Guid handoverId, FeedbackDocument feedback)
    {
        var id = handoverId.ToString();
        var submitted = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT received_at FROM handover_documents WHERE handover_id = @Id", new { Id = id }).ConfigureAwait(false);
        if (submitted is not { } submittedMs)
            return [];
        var saga = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT data FROM handovers WHERE correlation_id = @Id", new { Id = id }).ConfigureAwait(false);
        var receipt = saga is null ? null : SagaJson.Read(saga).ReceiptAt;
        return FeedbackDateRules.Check(feedback, Epoch.At(submittedMs), receipt, clock.GetUtcNow(), limits);
    }
}
