using System.Text;
using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Signals;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Privacy;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Signals;

/// <summary>What POST /api/signals answered.</summary>
public abstract record SignalResult
{
    public sealed record Accepted(Guid SignalId, bool Matched, bool Duplicate) : SignalResult;
    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : SignalResult;
    public sealed record Forbidden(string Path, string Reason) : SignalResult;
    public sealed record Conflict(string Reason) : SignalResult;
}

/// <summary>
/// POST /api/signals (API.md, Signals and matches): an agency signals a young person, as itself. Valid signals are
/// registered with everything that follows in one unit (<see cref="SignalRegistry"/>); the same messageId with the
/// same content gives the first answer, with other content 409. Refused signals are kept for operators like refused
/// handovers, and logged without content.
/// </summary>
public sealed class SignalIntake(
    HubDatabase database, SignalValidator validator, SubjectKeys subjectKeys, SignalRegistry registry, RejectStore rejects, ImpersonationRecord impersonations,
    OutboxSignal outbox, TimeProvider clock, IDeliveryLog deliveryLog, Email.PeopleMailPlanner people, ILogger<SignalIntake> logger)
{
    public const string Channel = "api:signals";

    public async Task<SignalResult> SubmitAsync(string json, Caller caller, CancellationToken cancellationToken)
    {
        var agency = caller.AgencyId!;
        var sha = PayloadHash.OfJson(json);
        if (HandoverIntake.Field(json, "agencyId") is { } claimed && claimed != agency)
        {
            var problem = new ValidationProblem("/agencyId", $"names another agency than the caller ({agency}); an agency signals only as itself");
            await impersonations.RecordAsync(caller, Channel, "signal", problem, HandoverIntake.LoggedMessageId(json), sha, null, cancellationToken).ConfigureAwait(false);
            return new SignalResult.Forbidden(problem.Path, problem.Reason);
        }
        var outcome = validator.Validate(json);
        if (!outcome.IsValid)
        {
            var problems = outcome.Report.Problems.ToList();
            var rejectId = await rejects.AddAsync(Channel, agency, "application/json", problems, Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Signal refused with {ProblemCount} problem(s); reject {RejectId}", problems.Count, rejectId);
            await deliveryLog.AppendAsync(new DeliveryLogEntry
            {
                At = clock.GetUtcNow(), MessageId = HandoverIntake.LoggedMessageId(json), Sender = agency, Kind = "signal", PayloadSha256 = sha,
                Outcome = DeliveryOutcomes.Rejected, Channel = Channel,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SignalResult.Invalid(problems);
        }
        var signal = outcome.Document!;
        if (await EarlierAsync(agency, signal.MessageId, sha, cancellationToken).ConfigureAwait(false) is { } earlier)
            return earlier;

        var subjectKey = await subjectKeys.ForBsnAsync(signal.Subject.Bsn, cancellationToken).ConfigureAwait(false);
        var links = await LinksAsync(subjectKeys, signal.Family?.Guardians?.Select(g => g.Bsn), signal.Family?.Siblings?.Select(s => (string?)s.Bsn), cancellationToken)
            .ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var registration = new SignalRegistration(agency, subjectKey, signal.Subject.BirthDate,
            Reports.ReportDimensions.Municipality(signal.Subject.Address?.City, null), signal.Kind, signal.MeetingId ?? "",
            new ProfessionalContact(signal.Professional.Name, signal.Professional.Role, signal.Professional.Phone, signal.Professional.Email),
            links, signal.MessageId, null, Channel, sha);
        var result = await database.WriteAsync<SignalResult>(async scope =>
        {
            var inserted = await scope.Connection.ExecuteAsync(
                """
                INSERT INTO signal_submissions (agency, message_id, signal_id, payload_sha256, received_at)
                VALUES (@Agency, @MessageId, '', @Sha, @Now) ON CONFLICT DO NOTHING
                """, new { Agency = agency, MessageId = signal.MessageId.ToString(), Sha = sha, Now = Epoch.Ms(now) }, scope.Transaction).ConfigureAwait(false);
            if (inserted == 0)
            {
                scope.Abort();
                return new SignalResult.Conflict("being accepted concurrently");
            }
            var mail = new ChainMail(people);
            var registered = await registry.RegisterAsync(scope, mail, registration, now).ConfigureAwait(false);
            await scope.Connection.ExecuteAsync("UPDATE signal_submissions SET signal_id = @Signal WHERE agency = @Agency AND message_id = @MessageId",
                new { Signal = registered.SignalId.ToString(), Agency = agency, MessageId = signal.MessageId.ToString() }, scope.Transaction).ConfigureAwait(false);
            await mail.WriteAsync(scope).ConfigureAwait(false);
            return new SignalResult.Accepted(registered.SignalId, registered.Matched, Duplicate: false);
        }, cancellationToken).ConfigureAwait(false);
        if (result is SignalResult.Conflict)
            return await EarlierAsync(agency, signal.MessageId, sha, cancellationToken).ConfigureAwait(false) ?? result;
        outbox.Notify();
        logger.LogInformation("Signal {SignalId} ({Kind}) accepted from {Agency}", ((SignalResult.Accepted)result).SignalId, signal.Kind, agency);
        return result;
    }

    /// <summary>The keys of a child's guardians (by their BSN) and siblings, as family links.</summary>
    public static async Task<IReadOnlyList<FamilyLink>> LinksAsync(SubjectKeys keys, IEnumerable<string?>? guardians, IEnumerable<string?>? siblings,
        CancellationToken cancellationToken)
    {
        var links = new List<FamilyLink>();
        foreach (var bsn in guardians?.OfType<string>() ?? [])
            links.Add(new FamilyLink(await keys.ForBsnAsync(bsn, cancellationToken).ConfigureAwait(false), "guardian"));
        foreach (var bsn in siblings?.OfType<string>() ?? [])
            links.Add(new FamilyLink(await keys.ForBsnAsync(bsn, cancellationToken).ConfigureAwait(false), "sibling"));
        return links;
    }

    async Task<SignalResult?> EarlierAsync(string agency, Guid messageId, string sha, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string SignalId, string Sha)?>(
            "SELECT signal_id, payload_sha256 FROM signal_submissions WHERE agency = @Agency AND message_id = @MessageId",
            new { Agency = agency, MessageId = messageId.ToString() }).ConfigureAwait(false);
        if (row is not { } earlier)
            return null;
        if (earlier.Sha != sha)
            return new SignalResult.Conflict($"messageId {messageId} was already used by {agency} for a signal with other content; a new signal needs a new messageId");
        if (!Guid.TryParse(earlier.SignalId, out var signalId))
            return null;
        var matched = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM match_parties WHERE signal_id = @Id", new { Id = earlier.SignalId }).ConfigureAwait(false) > 0;
        return new SignalResult.Accepted(signalId, matched, Duplicate: true);
    }
}
