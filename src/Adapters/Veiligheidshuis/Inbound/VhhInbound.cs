using System.Text.Json;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// One message from the case-meeting system to one canonical handover or feedback. The "type" field
/// decides the reader; the canonical result goes through the contract's validators and their
/// problems are reported at the path in this format.
/// </summary>
static class VhhInbound
{
    public const string CareReport = "zorgmelding";
    public const string CaseMeetingHandover = "casusoverleg-overdracht";
    public const string CaseMeetingFeedback = "casusoverleg-terugkoppeling";
    static readonly string Types = string.Join(", ", CareReport, CaseMeetingHandover, CaseMeetingFeedback);

    public static InboundResult Read(ReadOnlyMemory<byte> body, AdapterContext context)
    {
        if (body.Length > context.MaxBodyBytes)
            return InboundResult.Unreadable("/", $"is {body.Length} bytes; at most {context.MaxBodyBytes} are accepted (attachments travel by reference)");
        var parsed = VhhBody.Parse(body);
        if (parsed.Document is null)
            return InboundResult.Unreadable("/", parsed.Error!);
        using var document = parsed.Document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return InboundResult.Unreadable("/", "must be a JSON object");
        // A field given twice, or text with half a character, cannot be read one way only.
        var ambiguous = new ValidationReport();
        JsonReadability.Walk(root, ambiguous);
        if (!ambiguous.IsValid)
            return new InboundResult { Malformed = true, Problems = ambiguous.Problems };

        var source = root.TryGetProperty("berichtId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return Translate(root, context).WithSource(source);
    }

    static InboundResult Translate(JsonElement root, AdapterContext context)
    {
        var f = new VhhFields();
        var map = new VhhPathMap();
        switch (f.String(root, "", "type"))
        {
            case CareReport:
                return Handover(CareReportReader.Read(f, root, map), f, map, context);
            case CaseMeetingHandover:
                return Handover(CaseMeetingHandoverReader.Read(f, root, map, context), f, map, context, CaseMeetingHandoverReader.Signal(root));
            case CaseMeetingFeedback:
                return Feedback(CaseMeetingFeedbackReader.Read(f, root, map), f, map, context);
            case not null:
                f.Problem("/type", $"is not one of {Types}");
                break;
            case null when f.Problems.Count == 0:
                f.Problem("/type", $"is required ({Types})");
                break;
        }
        return InboundResult.Invalid(f.Problems);
    }

    static InboundResult Handover(Contracts.Handover.HandoverDocument? handover, VhhFields f, VhhPathMap map, AdapterContext context, SignalHint? signal = null)
    {
        if (handover is null || f.Problems.Count > 0)
            return InboundResult.Invalid(f.Problems);
        var json = JsonSerializer.Serialize(handover, HubJson.Options);
        var outcome = context.HandoverValidator().Validate(json);
        return outcome.IsValid ? InboundResult.Of(new InboundHandover(json, signal)) : InboundResult.Invalid(Back(outcome.Report, map));
    }

    static InboundResult Feedback((Guid HandoverId, Contracts.Feedback.FeedbackDocument Feedback)? read, VhhFields f, VhhPathMap map, AdapterContext context)
    {
        if (read is not { } r || f.Problems.Count > 0)
            return InboundResult.Invalid(f.Problems);
        var json = JsonSerializer.Serialize(r.Feedback, HubJson.Options);
        var outcome = context.FeedbackValidator().Validate(json);
        return outcome.IsValid ? InboundResult.Of(new InboundFeedback(r.HandoverId, json)) : InboundResult.Invalid(Back(outcome.Report, map));
    }

    static IEnumerable<ValidationProblem> Back(ValidationReport report, VhhPathMap map) =>
        report.Problems.Select(p => map.Map(p.Path) is { } path
            ? new ValidationProblem(path, p.Reason)
            : new ValidationProblem("/", $"{p.Path} (canonical) {p.Reason}"));
}
