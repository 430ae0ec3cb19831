using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters;

/// <summary>What an adapter may consult while reading: the directory (agency ids), the hub's clock and its intake limits.</summary>
public sealed record AdapterContext(IAgencyLookup Agencies, TimeProvider Clock)
{
    public const int DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Bodies above this are refused before parsing (50 MB attachments travel by reference, not inline).</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The date ranges the canonical validators hold messages to (configuration Hub:Intake).</summary>
    public IntakeLimits Limits { get; init; } = IntakeLimits.Default;

    public HandoverValidator HandoverValidator() => new(Agencies, Clock, Limits);

    public FeedbackValidator FeedbackValidator() => new(Agencies, Clock, Limits);
}

/// <summary>What an inbound message became: canonical messages, or problems and nothing else.</summary>
public sealed record InboundResult
{
    public IReadOnlyList<InboundMessage> Messages { get; init; } = [];
    public IReadOnlyList<ValidationProblem> Problems { get; init; } = [];
    /// <summary>Malformed: the bytes could not be read at all (400). Otherwise problems mean invalid content (422).</summary>
    public bool Malformed { get; init; }

    public bool IsValid => Problems.Count == 0 && Messages.Count > 0;

    /// <summary>
    /// The message's own id in the agency's format (a BJZ BerichtId, a Veiligheidshuis berichtId), where the adapter
    /// could read one, also when it refused the message: the retour names it so the agency can match its answer.
    /// </summary>
    public string? SourceMessageId { get; init; }

    /// <summary>This result with <paramref name="sourceMessageId"/> on itself and on each message that has none of its own.</summary>
    public InboundResult WithSource(string? sourceMessageId) => sourceMessageId is null ? this : this with
    {
        SourceMessageId = sourceMessageId,
        Messages = Messages.Select(m => m.SourceMessageId is null ? m with { SourceMessageId = sourceMessageId } : m).ToList(),
    };

    public static InboundResult Of(params InboundMessage[] messages) => new() { Messages = messages };

    public static InboundResult Unreadable(string path, string reason) =>
        new() { Malformed = true, Problems = [new ValidationProblem(path, reason)] };

    public static InboundResult Invalid(IEnumerable<ValidationProblem> problems) => new() { Problems = problems.ToList() };

    /// <summary>
    /// Runs an adapter's reader under the contract "never throw on bad input": a bug in a mapping still
    /// answers with a problem (and nothing reaches the saga) instead of taking the endpoint down.
    /// </summary>
    public static InboundResult Guarded(string adapter, Func<InboundResult> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Invalid([new ValidationProblem("/", $"could not be read by the {adapter} adapter ({e.GetType().Name}); please report this message to the hub's operators")]);
        }
    }
}

/// <summary>A message in the hub's fixed format, as JSON that handover.schema.json or feedback.schema.json describes.</summary>
public abstract record InboundMessage(string CanonicalJson)
{
    /// <summary>The id the agency gave this message in its own format, where it has one (a school's Berichtnummer per row).</summary>
    public string? SourceMessageId { get; init; }
}

/// <summary>A new handover (overdracht); <paramref name="Signal"/>: what the format says about its signal in the referral index.</summary>
public sealed record InboundHandover(string CanonicalJson, SignalHint? Signal = null) : InboundMessage(CanonicalJson);

/// <summary>Feedback (terugkoppeling) on an existing handover.</summary>
public sealed record InboundFeedback(Guid HandoverId, string CanonicalJson) : InboundMessage(CanonicalJson);

/// <summary>Mail rendered in an agency's format.</summary>
public sealed record OutboundDocument(string ContentType, byte[] Body);
