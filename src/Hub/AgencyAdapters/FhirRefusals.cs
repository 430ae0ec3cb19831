using System.Text;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Jgz;
using IntegrationHub.Adapters.Jgz.Outbound;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// A refusal on the JGZ adapter answered in FHIR (an OperationOutcome whose issues name the FHIRPath of
/// each element) when the caller's Accept asks for application/fhir+json; problem+json otherwise.
/// </summary>
static class FhirRefusals
{
    public static IResult Answer(HttpRequest request, IAgencyAdapter adapter, IngressResult.Refused refused)
    {
        if (adapter is not JgzFhirAdapter || !AcceptsFhir(request))
            return AdapterProblems.Refused(adapter.Name, refused);
        var outcome = RefusalOutcome.Render(refused.Problems, refused.Malformed);
        return Results.Text(Encoding.UTF8.GetString(outcome.Body), outcome.ContentType, Encoding.UTF8,
            refused.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity);
    }

    static bool AcceptsFhir(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a =>
            (a.MediaType.Equals("application/fhir+json", StringComparison.OrdinalIgnoreCase)
             || a.MediaType.Equals("application/json+fhir", StringComparison.OrdinalIgnoreCase))
            && (a.Quality ?? 1) > 0);
}
