using System.Text.Json;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// Reads a whole export: bytes to text, text to rows, rows to validated canonical handovers. One
/// bad row spoils the file (all-or-nothing), but every bad row is reported so the school fixes them in one go.
/// </summary>
static class SchoolInbound
{
    public static InboundResult Read(ReadOnlyMemory<byte> body, AdapterContext context)
    {
        if (body.Length > context.MaxBodyBytes)
            return InboundResult.Unreadable("/", $"is {body.Length} bytes; at most {context.MaxBodyBytes} are accepted (attachments travel by reference)");
        var decoded = SchoolText.Decode(body.Span);
        if (decoded.Text is null)
            return InboundResult.Unreadable("/", decoded.Error!);

        var table = SchoolTable.Read(decoded.Text);
        if (table.Malformed.Count > 0)
            return new InboundResult { Malformed = true, Problems = table.Malformed };
        if (table.HeaderProblems.Count > 0)
            return InboundResult.Invalid(table.HeaderProblems);
        if (table.Rows.Count == 0)
            return InboundResult.Invalid([new ValidationProblem("/rows", "the file has a header but no rows")]);

        var validator = context.HandoverValidator();
        var problems = new List<ValidationProblem>();
        var messages = new List<InboundMessage>();
        var seen = new Dictionary<Guid, int>();
        foreach (var row in table.Rows)
        {
            var mapped = SchoolRowMapper.Map(row);
            if (mapped is not null && seen.TryGetValue(mapped.Handover.MessageId, out var first))
                row.Problem(SchoolColumns.MessageNumber, $"appears twice in this file (also row {first})");
            else if (mapped is not null)
                seen[mapped.Handover.MessageId] = row.Number;

            problems.AddRange(row.Problems.Select(p => At(row, p.Column, p.Reason)));
            if (mapped is null || row.Problems.Count > 0)
                continue;

            var json = JsonSerializer.Serialize(mapped.Handover, HubJson.Options);
            var outcome = validator.Validate(json);
            if (outcome.IsValid)
                messages.Add(new InboundHandover(json) { SourceMessageId = row.Get(SchoolColumns.MessageNumber) });
            else
                problems.AddRange(outcome.Report.Problems.Select(p => FromCanonical(row, p, mapped.ConcernColumns)));
        }
        // A refused file of one row is that row's message; a refusal of several rows names rows by number in its paths.
        var only = table.Rows.Count == 1 ? table.Rows[0].Get(SchoolColumns.MessageNumber) : null;
        return problems.Count > 0 ? InboundResult.Invalid(problems).WithSource(only) : InboundResult.Of([.. messages]);
    }

    static ValidationProblem At(SchoolRow row, string column, string reason) =>
        new($"/rows/{row.Number}/{column}", $"line {row.Line}: {reason}");

    static ValidationProblem FromCanonical(SchoolRow row, ValidationProblem problem, IReadOnlyList<string> concernColumns) =>
        CanonicalColumns.For(problem.Path, concernColumns) is { } column
            ? At(row, column, problem.Reason)
            : new ValidationProblem($"/rows/{row.Number}", $"line {row.Line}: {problem.Path} {problem.Reason}");
}
