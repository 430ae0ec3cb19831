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
        var agency = string.IsNullOrWhiteSpace(filter.Agency) ? null : filter.Agency.Trim();
        if (agency is not null)
            parameters.Add("Agency", agency);
        if (filter.Overdue is { } overdue)
            where.Add(overdue ? "overdue <> 0" : "overdue = 0");
        parameters.Add("Limit", page.PageSize);
        parameters.Add("Offset", page.Offset);
        parameters.Add("Upto", page.Offset + page.PageSize);

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        long total;
        string source;
        if (agency is null)
        {
            var condition = Where(where);
            total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM handovers {condition}", parameters).ConfigureAwait(false);
            source = $"SELECT {Columns} FROM handovers {condition}";
        }
        else
        {
            // As sender or as receiver: two walks of their own indexes in list order, each cut off at the page's end,
            // merged; an OR would read every handover the agency ever had and sort them (a million rows at national scale).
            var asSender = Where([.. where, "sender = @Agency"]);
            var asReceiver = Where([.. where, "receiver = @Agency", "sender <> @Agency"]);
            // The agency alone: its total from the read model's cells (every handover counts 1 as submitted in the cell of its
            // pair), a few thousand rows, where counting its handovers read half a million index entries at national scale
            // (852 ms at a million). With a state or overdue filter as well, the handovers themselves are counted.
            total = where.Count == 0
                ? await connection.ExecuteScalarAsync<long>(
                    "SELECT COALESCE(CAST(SUM(submitted) AS BIGINT), 0) FROM report_counts WHERE sender = @Agency OR receiver = @Agency", parameters)
                    .ConfigureAwait(false)
                : await connection.ExecuteScalarAsync<long>(
                    $"SELECT (SELECT COUNT(*) FROM handovers {asSender}) + (SELECT COUNT(*) FROM handovers {asReceiver})", parameters).ConfigureAwait(false);
            source = $"""
                SELECT * FROM (SELECT {Columns} FROM handovers {asSender} {Order} LIMIT @Upto) AS s
                UNION ALL
                SELECT * FROM (SELECT {Columns} FROM handovers {asReceiver} {Order} LIMIT @Upto) AS r
                """;
        }
        // Newest first; the id breaks ties (both descending, so one index walked backwards serves the order), so paging is
        // stable when handovers share a submission time.
        var rows = await connection.QueryAsync<Row>($"SELECT * FROM ({source}) AS h {Order} LIMIT @Limit OFFSET @Offset", parameters).ConfigureAwait(false);
        return new PageOf<HandoverRow>(rows.Select(r => r.ToRow()).ToList(), page.Page, page.PageSize, total);
    }

    const string Columns = """
        correlation_id AS Id, current_state AS State, sender AS Sender, receiver AS Receiver, urgency AS Urgency,
        submitted_at AS SubmittedAt, updated_at AS UpdatedAt, next_due_at AS NextDueAt, overdue AS Overdue, open_escalation_level AS Level
        """;

    const string Order = "ORDER BY SubmittedAt DESC, Id DESC";

    static string Where(IReadOnlyCollection<string> conditions) => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

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
