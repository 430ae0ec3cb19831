using System.Text.Json;
using Dapper;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Email;

/// <summary>An e-mail not sent yet: to whom, about what, how often it was tried and why it failed last.</summary>
public sealed record WaitingEmail(Guid EmailId, string To, string Kind, Guid HandoverId, DateTimeOffset CreatedAt, int Attempts, string? LastError, bool Parked);

/// <summary>What the chain office sees of the e-mail channel: whether it is on, what waits, what keeps failing or was parked.</summary>
public sealed record EmailStatus(bool Enabled, string? Server, long SentLastDay, long Waiting, IReadOnlyList<WaitingEmail> Failing);

/// <summary>GET /api/operator/email: e-mail that waits for its SMTP server, so a server down for long is seen, not guessed.</summary>
public sealed class EmailQueue(HubDatabase database, EmailOptions options)
{
    public async Task<EmailStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sent = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox WHERE message_type = @Type AND dispatched_at >= @Since",
            new { Type = PeopleMail.MessageType, Since = Epoch.Ms(LeaseClock.Now.AddDays(-1)) }).ConfigureAwait(false);
        var waiting = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox WHERE message_type = @Type AND dispatched_at IS NULL", new { Type = PeopleMail.MessageType }).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Body, long CreatedAt, long Attempts, string? LastError)>(
            """
            SELECT body, created_at, CAST(attempts AS BIGINT), last_error FROM outbox
            WHERE message_type = @Type AND dispatched_at IS NULL AND last_error IS NOT NULL ORDER BY id LIMIT 200
            """, new { Type = PeopleMail.MessageType }).ConfigureAwait(false);
        var failing = rows.Select(r =>
        {
            var mail = JsonSerializer.Deserialize<PeopleMail>(r.Body, BusJson.Options)!;
            var parked = r.LastError!.StartsWith(OutboxStore.ParkedPrefix, StringComparison.Ordinal);
            return new WaitingEmail(mail.EmailId, mail.To.Address, mail.About.Kind, mail.About.HandoverId, Epoch.At(r.CreatedAt), (int)r.Attempts,
                parked ? r.LastError[OutboxStore.ParkedPrefix.Length..] : r.LastError, parked);
        }).ToList();
        return new EmailStatus(options.Enabled, options.Enabled ? $"{options.Host}:{options.EffectivePort} ({options.Tls})" : null, sent, waiting, failing);
    }

    public static IEndpointRouteBuilder MapEmailStatus(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operator/email", async (EmailQueue queue, CancellationToken ct) => Results.Ok(await queue.StatusAsync(ct)))
            .WithTags("Operator").RequireAuthorization(AccessPolicies.Operator);
        return app;
    }
}
