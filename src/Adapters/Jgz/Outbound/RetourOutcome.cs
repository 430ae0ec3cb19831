using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// The hub's answer to a message the JGZ sent (retourbericht), as FHIR answers: an OperationOutcome with one issue per
/// retour code (severity information when accepted, error when refused; the code as details.coding of the hub's
/// retour-code system; the element as its FHIRPath where the code names one), and extensions saying which message it
/// answers, the handover, the status and the code list's version. Never a value from the message itself.
/// </summary>
public static class RetourOutcome
{
    public static OperationOutcome Render(AgencyMail mail)
    {
        var retour = mail.Retour ?? throw new ArgumentException("retour mail without a retour", nameof(mail));
        var accepted = retour.Status == RetourCodes.Accepted;
        var outcome = new OperationOutcome
        {
            Id = mail.MailId.ToString(),
            Text = Narratives.Of([
                $"Retour: the message {retour.MessageId}{(Text(retour.SourceMessageId) is { } source ? $" ({source})" : "")} is {(accepted ? "accepted" : "refused")}"
                + (retour.HandoverId is { } handover ? $" (handover {handover})." : "."),
                .. retour.Codes.Select(c => $"{c.Code} {c.Text}{(Text(c.Path) is { } path ? $" ({path})" : "")}")]),
        };
        outcome.AddExtension(JgzSystems.RetourMessageExtension, new Identifier { System = JgzSystems.Message, Value = retour.MessageId.ToString() });
        if (Text(retour.SourceMessageId) is { } sourceId)
            outcome.AddExtension(JgzSystems.RetourSourceExtension, new FhirString(sourceId));
        if (retour.HandoverId is { } handoverId)
            outcome.AddExtension(JgzSystems.RetourHandoverExtension, HandoverIdentifier(handoverId));
        outcome.AddExtension(JgzSystems.RetourStatusExtension, new Code(retour.Status));
        outcome.AddExtension(JgzSystems.RetourCodeListExtension, new FhirString(retour.CodeList));
        foreach (var code in retour.Codes)
        {
            var issue = new OperationOutcome.IssueComponent
            {
                Severity = accepted ? OperationOutcome.IssueSeverity.Information : OperationOutcome.IssueSeverity.Error,
                Code = IssueTypeOf(code.Code),
                Details = new CodeableConcept
                {
                    Coding = [new Coding { System = JgzSystems.RetourCode, Code = code.Code, Display = code.Text }],
                    Text = code.Text,
                },
            };
            if (Text(code.Path) is { } path)
            {
                if (IsFhirPath(path))
                    issue.Expression = [path];
                else
                    issue.Diagnostics = $"at {path}";
            }
            outcome.Issue.Add(issue);
        }
        return outcome;
    }

    /// <summary>R4's IssueType for each retour code (docs/retour-codes.md).</summary>
    static OperationOutcome.IssueType IssueTypeOf(string code) => code switch
    {
        "0200" or "0201" => OperationOutcome.IssueType.Informational,
        "0001" => OperationOutcome.IssueType.Structure,
        "8001" => OperationOutcome.IssueType.Invalid,
        "8002" => OperationOutcome.IssueType.Security,
        "8003" => OperationOutcome.IssueType.NotFound,
        "8004" => OperationOutcome.IssueType.BusinessRule,
        "8005" => OperationOutcome.IssueType.Duplicate,
        "8006" => OperationOutcome.IssueType.Forbidden,
        "9001" => OperationOutcome.IssueType.Transient,
        "9002" => OperationOutcome.IssueType.Incomplete,
        _ => OperationOutcome.IssueType.Processing,
    };

    /// <summary>The adapter's paths start at the resource type (Bundle.entry[2].resource.birthDate); JSON pointers (/subject/bsn) are the hub's.</summary>
    static bool IsFhirPath(string path) => path.Length > 0 && char.IsAsciiLetterUpper(path[0]);
}
