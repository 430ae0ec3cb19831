using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Http;

/// <summary>application/problem+json answers (RFC 9457) with every problem by JSON path.</summary>
public static class Problems
{
    public static IResult Invalid(string title, IReadOnlyList<ValidationProblem> problems) =>
        Results.Problem(
            title: title,
            detail: $"{problems.Count} problem(s); nothing was accepted or published.",
            statusCode: StatusCodes.Status400BadRequest,
            type: "https://integrationhub.example/problems/invalid-message",
            extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { path = p.Path, reason = p.Reason }).ToList() });

    public static IResult TooLarge(int limit) =>
        Results.Problem(title: "The body is too large", detail: $"at most {limit} bytes are accepted", statusCode: StatusCodes.Status413PayloadTooLarge);

    public static IResult UnsupportedMediaType(string expected) =>
        Results.Problem(title: "Unsupported content type", detail: $"send the body as {expected}", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static IResult Forbidden(string path, string reason) =>
        Results.Problem(title: "Not allowed", detail: reason, statusCode: StatusCodes.Status403Forbidden,
            type: "https://integrationhub.example/problems/not-allowed",
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { path, reason } } });

    public static IResult UnknownHandover(Guid id) =>
        Results.Problem(title: "Unknown handover", detail: $"no handover {id} that this caller may see", statusCode: StatusCodes.Status404NotFound);

    public static IResult From(IntakeResult result, string invalidTitle) => result switch
    {
        IntakeResult.Accepted a => a.Duplicate
            ? Results.Ok(new { handoverId = a.HandoverId, state = a.State, duplicate = true })
            : Results.Accepted($"/api/handovers/{a.HandoverId}", new { handoverId = a.HandoverId, state = a.State }),
        IntakeResult.Invalid i => Invalid(invalidTitle, i.Problems),
        IntakeResult.NotFound n => UnknownHandover(n.HandoverId),
        IntakeResult.Forbidden f => Forbidden(f.Path, f.Reason),
        IntakeResult.Conflict c => Results.Problem(title: "Does not fit the handover", detail: c.Reason, statusCode: StatusCodes.Status409Conflict),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
