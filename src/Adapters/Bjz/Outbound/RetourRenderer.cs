using System.Text.RegularExpressions;
using System.Xml.Linq;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Bjz.BjzXml;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>
/// The hub's answer to a message BJZ sent becomes a &lt;Retour&gt;: which message (BJZ's own BerichtId and the hub's
/// number for it), the handover, accepted or refused, and the codes with the XML path each is about. No value from
/// the message itself.
/// </summary>
static partial class RetourRenderer
{
    public static XElement Render(AgencyMail mail, RetourNotice retour) =>
        E(Retour,
            E("BerichtId", mail.MailId.ToString("D")),
            E("Tijdstip", BjzWriter.Moment(mail.At)),
            retour.SourceMessageId is { } source && BerichtId().IsMatch(source) ? E("ReferentieBerichtId", source) : null,
            E("BerichtNummer", retour.MessageId.ToString("D")),
            retour.HandoverId is { } handover ? E("OverdrachtId", handover.ToString("D")) : null,
            E("Status", retour.Status == RetourCodes.Accepted ? "aangenomen" : "afgekeurd"),
            E("Codelijst", retour.CodeList),
            E("Codes", retour.Codes.Select(c => E("Code", E("Waarde", c.Code), E("Omschrijving", c.Text), Opt("Pad", c.Path)))));

    /// <summary>BerichtIdType of bjz.xsd: an id BJZ could not have sent is left out rather than making the retour invalid.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,99}$")]
    private static partial Regex BerichtId();
}
