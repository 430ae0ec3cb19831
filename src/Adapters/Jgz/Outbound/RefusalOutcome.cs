using Hl7.Fhir.Model;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// A refused JGZ message answered as FHIR answers: an OperationOutcome with one issue per problem,
/// severity error, a code from R4's IssueType, the reason as text and the element as its FHIRPath
/// (<c>expression</c>), so a FHIR client can point at the element in what it sent.
/// </summary>
public static class RefusalOutcome
{
    public static OutboundDocument Render(IReadOnlyList<ValidationProblem> problems, bool malformed)
    {
        var outcome = new OperationOutcome
        {
            Text = Narratives.Of([
                $"The message was refused ({(malformed ? "it cannot be read" : "it is not valid")}); nothing was accepted.",
                .. problems.Select(p => IsFhirPath(p.Path) ? $"{p.Path}: {p.Reason}" : p.Reason)]),
        };
        foreach (var problem in problems)
        {
            var issue = new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = malformed ? OperationOutcome.IssueType.Structure : CodeOf(problem.Path),
                Details = new CodeableConcept { Text = FhirBuild.Text(IsFhirPath(problem.Path) ? problem.Reason : $"{Where(problem.Path)}{problem.Reason}") },
            };
            if (IsFhirPath(problem.Path))
                issue.Expression = [problem.Path];
            outcome.Issue.Add(issue);
        }
        if (outcome.Issue.Count == 0)
            outcome.Issue.Add(new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Invalid });
        return new OutboundDocument(JgzFhirAdapter.ContentType, FhirJson.Serialize(outcome));
    }

    /// <summary>A modifier the hub does not understand is "not supported"; everything else the content is invalid.</summary>
    static OperationOutcome.IssueType CodeOf(string path) =>
        path.Contains(".modifierExtension[", StringComparison.Ordinal) || path.EndsWith(".implicitRules", StringComparison.Ordinal)
            ? OperationOutcome.IssueType.NotSupported
            : OperationOutcome.IssueType.Invalid;

    /// <summary>The adapter's paths start at the resource type (Bundle.entry[2].resource.birthDate); "/" and "resourceType" are about the body.</summary>
    static bool IsFhirPath(string path) => path.Length > 0 && char.IsAsciiLetterUpper(path[0]);

    static string Where(string path) => path is "/" or "" ? "" : $"{path}: ";
}
