namespace IntegrationHub.Adapters.School.Inbound;

enum SchoolMessageType { Unknown, ZatReferral, TruancyReport }

/// <summary>The Berichttype column: ZAT-verwijzing (referral by the care and advice team) or Verzuimmelding (truancy report).</summary>
static class SchoolMessageTypes
{
    public const string ZatReferral = "ZAT-verwijzing";
    public const string TruancyReport = "Verzuimmelding";

    public static SchoolMessageType Parse(SchoolRow row)
    {
        var value = row.Required(SchoolColumns.MessageType);
        if (value is null)
            return SchoolMessageType.Unknown;
        switch (Vocabulary.Normalize(value).Replace(" ", ""))
        {
            case "zatverwijzing":
                return SchoolMessageType.ZatReferral;
            case "verzuimmelding":
                return SchoolMessageType.TruancyReport;
            default:
                row.Problem(SchoolColumns.MessageType, $"is not a message type this hub accepts from a school ({ZatReferral}, {TruancyReport})");
                return SchoolMessageType.Unknown;
        }
    }
}
