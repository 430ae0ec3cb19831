using System.Xml.Linq;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Bjz.BjzXml;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>
/// Feedback addressed to BJZ becomes a &lt;Terugkoppeling&gt;, the same shape BJZ sends; to BJZ as the sender after a
/// rejection or withdrawal it says by when BJZ must re-route the child, and where to (&lt;Doorverwijzen&gt;).
/// </summary>
static class FeedbackRenderer
{
    /// <summary>The hub validates reasons on the way in; should one still be missing, BJZ's XSD must not reject the mail for it.</summary>
    const string NoReasonGiven = "geen reden opgegeven";

    public static XElement Render(AgencyMail mail, FeedbackDocument f) =>
        E(Feedback,
            E("BerichtId", mail.MailId.ToString("D")),
            E("OverdrachtId", mail.HandoverId.ToString("D")),
            E("Tijdstip", BjzWriter.Moment(f.At ?? mail.At)),
            PartyElements.Party("Door", f.By),
            Kind(f),
            Opt("Toelichting", f.Note),
            mail.Reroute is { } reroute
                ? E("Doorverwijzen", E("UiterlijkOp", BjzWriter.Moment(reroute.DueAt)),
                    Opt("VoorgesteldeOrganisatieId", reroute.SuggestedAgencyId ?? f.SuggestedAgencyId))
                : null);

    static XElement Kind(FeedbackDocument f)
    {
        var name = BjzCodes.FeedbackKind.ToBjz(f.Kind);
        return f.Kind switch
        {
            FeedbackKinds.Rejection => E(name, E("Reden", Reason(f)), Opt("VoorgesteldeOrganisatieId", f.SuggestedAgencyId)),
            FeedbackKinds.Withdrawal => E(name, E("Reden", Reason(f)), f.ReasonCode is { } code ? E("RedenCode", BjzCodes.ReasonCode.ToBjz(code)) : null),
            FeedbackKinds.AcceptedWaiting => E(name, E("VerwachteStart", f.ExpectedStart is { } start ? BjzWriter.Date(start) : null), E("Reden", Reason(f))),
            FeedbackKinds.Closed => E(name, E("RedenCode", BjzCodes.ReasonCode.ToBjz(f.ReasonCode ?? ReasonCodes.Other))),
            FeedbackKinds.CareStarted => E(name, f.PlannedEndDate is { } end ? E("GeplandeEinddatum", BjzWriter.Date(end)) : null),
            FeedbackKinds.CareEnded => E(name, Opt("Resultaat", f.Outcome)),
            _ => E(name),
        };
    }

    static string Reason(FeedbackDocument f) => string.IsNullOrEmpty(f.Reason) ? NoReasonGiven : f.Reason;
}
