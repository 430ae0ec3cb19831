using Hl7.Fhir.ElementModel.Types;
using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// When a FHIR Consent is consent to share (toestemming) for the hub: active, of scope patient-privacy,
/// about this child, its provision a permit whose period covers today. Anything else is not consent,
/// and the first element that says so is named.
/// </summary>
static class ConsentRules
{
    static readonly TimeZoneInfo Dutch = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The reason given for an active, current Consent that denies: a refusal to share.</summary>
    public const string RefusesSharing = "denies sharing: the consenting party refuses it, so this Consent is no legal basis";

    /// <summary>Advance directives (adr), research and treatment consents are about something else.</summary>
    public static bool IsPrivacy(Consent consent) => FhirValues.Has(consent.Scope, JgzSystems.ConsentScope, JgzSystems.PrivacyScope);

    /// <summary>Why <paramref name="located"/> is no consent to share today, or null when it is.</summary>
    public static (string Path, string Reason)? WhyNot(Located located, Located? subject, ResourceIndex index, DateTimeOffset now)
    {
        var consent = located.As<Consent>();
        var at = located.Path;
        if (consent.Status != Consent.ConsentState.Active)
            return ($"{at}.status", "is not active: only an active Consent is a legal basis for sharing");
        if (NotAbout(located, subject, index) is { } notAbout)
            return notAbout;
        if (consent.Provision is not { } provision)
            return ($"{at}.provision", "is required: a Consent permits sharing by its provision (type permit)");
        // The period first: a refusal that no longer applies is no refusal either.
        if (provision.Period is { } period)
        {
            if (Bound(period.Start, start: true) is { } start && start > now)
                return ($"{at}.provision.period.start", "lies after today: the consent does not apply yet");
            if (Bound(period.End, start: false) is { } end && end <= now)
                return ($"{at}.provision.period.end", "lies before today: the consent no longer applies");
        }
        if (provision.Type == Consent.ConsentProvisionType.Deny)
            return ($"{at}.provision.type", RefusesSharing);
        if (provision.Type != Consent.ConsentProvisionType.Permit)
            return ($"{at}.provision.type", "is required: permit, for a Consent to be a legal basis for sharing");
        if (provision.Provision.Count > 0)
            return ($"{at}.provision.provision", "holds exceptions the hub cannot weigh: a Consent is a legal basis here only as a plain permit");
        return null;
    }

    /// <summary>A Consent counts for the child it is about: Consent.patient must be the handover's Patient.</summary>
    static (string, string)? NotAbout(Located located, Located? subject, ResourceIndex index)
    {
        var patient = located.As<Consent>().Patient;
        var at = $"{located.Path}.patient";
        if (subject is null)
            return null;
        if (patient is null)
            return (at, "is required: whose consent this is");
        if (patient.Reference is { } reference)
        {
            var target = index.Resolve(reference, located);
            if (target is null)
                return ($"{at}.reference", "does not resolve to the handover's Patient in this message");
            return ReferenceEquals(target.Resource, subject.Resource) ? null : ($"{at}.reference", "is another Patient than the child handed over");
        }
        var bsn = FhirValues.Identifier(subject.As<Patient>().Identifier, JgzSystems.Bsn)?.Identifier.Value;
        return patient.Identifier is { System: JgzSystems.Bsn } logical && logical.Value == bsn
            ? null
            : (at, "names no Patient of this message (a reference, or an identifier with the child's BSN)");
    }

    /// <summary>
    /// A period bound as an instant. FHIR's end includes its whole precision ("2026-11-23" lasts all
    /// day); a bound without zone is read in Dutch time, as a JGZ in the Netherlands writes it.
    /// </summary>
    static DateTimeOffset? Bound(string? value, bool start)
    {
        if (value is null || !Hl7.Fhir.ElementModel.Types.DateTime.TryParse(value, out var parsed))
            return null;
        var range = parsed.GetRange(Dutch);
        return start ? range.Start : range.End;
    }
}
