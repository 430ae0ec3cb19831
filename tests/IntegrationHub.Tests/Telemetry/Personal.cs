namespace IntegrationHub.Tests.Telemetry;

/// <summary>The personal data in docs/examples/handover-kevin-school-to-bjz.json: none of it may leave the hub in telemetry.
/// The concern is its text, not its first word: "Withdrawn" alone is also in the step name HandoverWithdrawn, which any
/// other test's withdrawal puts into the process-wide step histogram.</summary>
static class Personal
{
    public static readonly string[] Values =
        ["123456782", "234567892", "Kevin", "Pietersdam", "Henk", "2016-04-12", "2012-09-03", "Lindenstraat", "5038 AB", "06-12345678", "M. de Vries", "Withdrawn, does not connect with classmates"];
}
