using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Tests.Wiring;

/// <summary>
/// The embedded transport has no egress journal: a mail dropped again after a crash (same mail id) must
/// leave the agency's mailbox as it was.
/// </summary>
public class MailboxIdempotencyTests
{
    [Fact]
    public async Task The_same_mail_dropped_twice_is_in_the_mailbox_once()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            using var database = HubDatabase.SqliteFile(Path.Combine(directory, "hub.db"));
            await Schema.EnsureCreatedAsync(database);
            var mailbox = new AgencyMailbox(database, TimeProvider.System);
            var mail = new AgencyMail
            {
                MailId = Guid.NewGuid(), To = "cjg-tilburg", Kind = AgencyMailKinds.Feedback, HandoverId = Guid.NewGuid(),
                Sender = "cjg-tilburg", Receiver = "bjz-noord-brabant", At = DateTimeOffset.UtcNow,
            };
            var document = new OutboundDocument("application/json", "{}"u8.ToArray());

            await database.WriteAsync(scope => mailbox.DropWithMarkAsync(scope, mail, document));
            await database.WriteAsync(scope => mailbox.DropWithMarkAsync(scope, mail, document));

            (await mailbox.ListAsync("cjg-tilburg", after: 0, limit: 10, CancellationToken.None))
                .Should().ContainSingle().Which.MailId.Should().Be(mail.MailId.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
