using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Retour;

/// <summary>The retours table (migration 8): one row per answer, so a message sent again is not answered twice.</summary>
public static class RetourSchema
{
    public static IEnumerable<string> Statements(DatabaseProvider provider)
    {
        // message_key: the message's scope, id and content hash ("handover/{id}/{sha}", "feedback/{handover}/{id}/{sha}",
        // "body/{sha}" for what could not be read); a corrected resend is another message, and gets its own answer.
        yield return """
            CREATE TABLE retours (
              agency TEXT NOT NULL, message_key TEXT NOT NULL, status TEXT NOT NULL,
              message_id TEXT NOT NULL, source_message_id TEXT NULL, handover_id TEXT NULL,
              codes TEXT NOT NULL, mail_id TEXT NOT NULL, at BIGINT NOT NULL,
              PRIMARY KEY (agency, message_key, status))
            """;
        yield return "CREATE INDEX ix_retours_message ON retours (agency, message_id)";
        yield return "CREATE INDEX ix_retours_source ON retours (agency, source_message_id)";
        yield return "CREATE INDEX ix_retours_at ON retours (at)";
        _ = provider;
    }
}
