using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// The tables of the chain around the child (Migrations, schema 8). Children are known only by their subject key
/// (<see cref="Privacy.SubjectKeys"/>); no BSN, name, address or concern is stored. What a professional gave as their
/// own contact is kept, since a match exists to pass it on.
/// </summary>
static class ChainSchema
{
    public static IEnumerable<string> Statements(DatabaseProvider provider)
    {
        _ = provider;
        // The referral index: one signal per agency, child, kind and meeting; refreshed when signalled again.
        yield return """
            CREATE TABLE signals (
              signal_id TEXT PRIMARY KEY, agency TEXT NOT NULL, subject_key TEXT NOT NULL, kind TEXT NOT NULL,
              meeting_id TEXT NOT NULL DEFAULT '', professional TEXT NOT NULL, message_id TEXT NULL, handover_id TEXT NULL,
              source TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
              active_until BIGINT NOT NULL, visible_until BIGINT NOT NULL, lease_until BIGINT NULL)
            """;
        yield return "CREATE UNIQUE INDEX ux_signals_identity ON signals (agency, subject_key, kind, meeting_id)";
        yield return "CREATE INDEX ix_signals_subject ON signals (subject_key)";
        yield return "CREATE INDEX ix_signals_visible ON signals (visible_until)";
        yield return """
            CREATE TABLE signal_submissions (
              agency TEXT NOT NULL, message_id TEXT NOT NULL, signal_id TEXT NOT NULL, payload_sha256 TEXT NOT NULL, received_at BIGINT NOT NULL,
              PRIMARY KEY (agency, message_id))
            """;
        // A young person known to the index: their family, birth date (for the coordination tables' age rules) and municipality.
        yield return """
            CREATE TABLE chain_subjects (
              subject_key TEXT PRIMARY KEY, family_id TEXT NOT NULL, birth_date TEXT NULL, municipality TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """;
        yield return "CREATE INDEX ix_chain_subjects_family ON chain_subjects (family_id)";
        // Who is linked to whom, by which signal: a guardian's key, or a sibling's subject key.
        yield return """
            CREATE TABLE family_links (
              subject_key TEXT NOT NULL, other_key TEXT NOT NULL, relation TEXT NOT NULL, signal_id TEXT NOT NULL,
              PRIMARY KEY (subject_key, other_key, relation, signal_id))
            """;
        yield return "CREATE INDEX ix_family_links_other ON family_links (other_key)";
        yield return "CREATE INDEX ix_family_links_signal ON family_links (signal_id)";
        yield return """
            CREATE TABLE families (
              family_id TEXT PRIMARY KEY, region TEXT NOT NULL, municipality TEXT NOT NULL, created_at BIGINT NOT NULL,
              needs_coordinator BIGINT NOT NULL DEFAULT 0, no_coordinator_since BIGINT NULL,
              stagnating_since BIGINT NULL, stagnation_reason TEXT NULL)
            """;
        yield return "CREATE TABLE matches (match_id TEXT PRIMARY KEY, kind TEXT NOT NULL, family_id TEXT NOT NULL, created_at BIGINT NOT NULL)";
        yield return "CREATE INDEX ix_matches_family ON matches (family_id)";
        yield return """
            CREATE TABLE match_parties (
              match_id TEXT NOT NULL, signal_id TEXT NOT NULL, agency TEXT NOT NULL, subject_key TEXT NOT NULL,
              confirmed_at BIGINT NULL, confirmed_by TEXT NULL,
              PRIMARY KEY (match_id, signal_id))
            """;
        yield return "CREATE INDEX ix_match_parties_signal ON match_parties (signal_id)";
        yield return "CREATE INDEX ix_match_parties_agency ON match_parties (agency)";
        // Handovers as the chain sees them: which child (key), who to whom, the sender's contact (for a duplicate's notice).
        yield return """
            CREATE TABLE chain_handovers (
              handover_id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL,
              sender_contact TEXT NOT NULL, submitted_at BIGINT NOT NULL)
            """;
        yield return "CREATE INDEX ix_chain_handovers_subject ON chain_handovers (subject_key, receiver)";
        yield return "CREATE TABLE handover_links (handover_id TEXT NOT NULL, other_id TEXT NOT NULL, kind TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (handover_id, other_id, kind))";
        yield return """
            CREATE TABLE coordinator_assignments (
              assignment_id TEXT PRIMARY KEY, family_id TEXT NOT NULL, agency TEXT NOT NULL, rule TEXT NOT NULL, rule_index BIGINT NOT NULL,
              status TEXT NOT NULL, assigned_at BIGINT NOT NULL, accept_by BIGINT NOT NULL, decided_at BIGINT NULL, reason TEXT NULL,
              professional TEXT NULL, plan_within TEXT NULL)
            """;
        yield return "CREATE INDEX ix_coordinator_assignments_family ON coordinator_assignments (family_id, status)";
        yield return """
            CREATE TABLE family_plans (
              family_id TEXT PRIMARY KEY, version BIGINT NOT NULL, coordinator TEXT NOT NULL, contact TEXT NOT NULL, goals TEXT NOT NULL,
              narrative_uri TEXT NOT NULL, narrative_sha256 TEXT NOT NULL, registered_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """;
        yield return """
            CREATE TABLE plan_submissions (
              family_id TEXT NOT NULL, message_id TEXT NOT NULL, payload_sha256 TEXT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (family_id, message_id))
            """;
        yield return """
            CREATE TABLE plan_actions (
              action_id TEXT PRIMARY KEY, family_id TEXT NOT NULL, party TEXT NOT NULL, title TEXT NOT NULL, due_date TEXT NOT NULL,
              done_at BIGINT NULL, done_by TEXT NULL, closed_at BIGINT NULL)
            """;
        yield return "CREATE INDEX ix_plan_actions_family ON plan_actions (family_id)";
        // Every watched due time of the chain: a match's contact, an assignment's acceptance, the plan, its review, each action.
        yield return """
            CREATE TABLE chain_deadlines (
              deadline_id TEXT PRIMARY KEY, family_id TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL, owner TEXT NOT NULL,
              due_at BIGINT NOT NULL, remind_at BIGINT NULL, reminded_at BIGINT NULL, met_at BIGINT NULL, missed_at BIGINT NULL,
              closed_at BIGINT NULL, level BIGINT NOT NULL DEFAULT 0, next_at BIGINT NULL, lease_until BIGINT NULL,
              notified TEXT NOT NULL DEFAULT '')
            """;
        yield return "CREATE INDEX ix_chain_deadlines_next ON chain_deadlines (next_at)";
        yield return "CREATE INDEX ix_chain_deadlines_family ON chain_deadlines (family_id)";
        yield return "CREATE INDEX ix_chain_deadlines_kind ON chain_deadlines (kind, owner)";
        yield return "CREATE TABLE case_meeting_overlaps (meeting_a TEXT NOT NULL, meeting_b TEXT NOT NULL, family_id TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (meeting_a, meeting_b))";
    }
}
