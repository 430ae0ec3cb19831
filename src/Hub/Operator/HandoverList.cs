using Dapper;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

/// <summary>Which handovers an operator asks for; <see cref="State"/> uses the public names of API.md.</summary>
public sealed record HandoverFilter(string? State = null, string? Agency = null, bool? Overdue = null);

/// <summary>One row of the operator's handover list (overdrachten), from the saga's indexed columns only.</summary>
public sealed record HandoverRow(
    Guid HandoverId, string State, string Sender, string Receiver, string Urgency, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt, bool Overdue, int OpenEscalationLevel);

/// <summary>Handovers filtered by state, agency (as sender or receiver) and overdue, newest first.</summary>
public sealed class HandoverList(HubDatabase database)
{
    public async Task<PageOf<HandoverRow>> FindAsync(HandoverFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            // "submitted" covers the saga's Initial state as well: both read as submitted to the public.
            var machine = StateNames.Machine(filter.State.Trim());
            where.Add(machine == "Submitted" ? "current_state IN ('Submitted', 'Initial')" : "current_state = @State");
            parameters.Add("State", machine);
        }
        if (!string.IsNullOrWhiteSpace(filter.Agency))
        {
            where.Add("(sender = @Agency OR receiver = @Agency)");
            parameters.Add("Agency", filter.Agency.Trim());
        }
        if (filter.Overdue is { } overdue)
            where.Add(overdue ? "overdue <> 0" : "overdue = 0");
        var condition = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        parameters.Add("Limit", page.PageSize);
        parameters.Add("Offset", page.Offset);

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM handovers {condition}", parameters).ConfigureAwait(false);
        // The id breaks ties, so paging is stable when handovers share a submission time.
        var rows = await connection.QueryAsync<Row>($"""
            SELECT correlation_id AS Id, current_state AS State, sender AS Sender, receiver AS Receiver, urgency AS Urgency,
                   submitted_at AS SubmittedAt, updated_at AS UpdatedAt, next_due_at AS NextDueAt, overdue AS Overdue,
                   open_escalation_level AS Level
            FROM handovers {condition}
            ORDER BY submitted_at DESC, correlation_id
            LIMIT @Limit OFFSET @Offset
            """, parameters).ConfigureAwait(false);
        return new PageOf<HandoverRow>(rows.Select(r => r.ToRow()).ToList(), page.Page, page.PageSize, total);
    }

    sealed class Row
    {
        public string Id { get; set; } = "";
        public string State { get; set; } = "";
        public string Sender { get; set; } = "";
        public string Receiver { get; set; } = "";
        public string Urgency { get; set; } = "";
        public long SubmittedAt { get; set; }
        public long UpdatedAt { get; set; }
        public long? NextDueAt { get; set; }
        public long Overdue { get; set; }
        public long Level { get; set; }

        public HandoverRow ToRow() => new(Guid.Parse(Id), StateNames.Public(State), Sender, Receiver, Urgency, Epoch.At(SubmittedAt),
            Epoch.At(UpdatedAt), Epoch.At(NextDueAt), Overdue != 0, (int)Level);
    }
}
