using System.Globalization;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Email;

/// <summary>The words e-mails use, in Dutch and English: agencies by name, deadlines, levels, reasons, and times in Amsterdam.</summary>
public sealed class EmailWords(AgencyDirectory directory)
{
    static readonly string[] DutchDays = ["zo", "ma", "di", "wo", "do", "vr", "za"];

    public string Agency(string id) =>
        id == AgencyDirectory.HubId ? "de hub (ketenbureau)" : directory.Find(id) is { } a && a.Name.Length > 0 ? $"{a.Name} ({id})" : id;

    public static string Dutch(DateTimeOffset at)
    {
        var local = AmsterdamTime.ToLocal(at);
        return $"{DutchDays[(int)local.DayOfWeek]} {local.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)}";
    }

    public static string English(DateTimeOffset at)
    {
        var local = AmsterdamTime.ToLocal(at);
        return local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " (Amsterdam)";
    }

    public static (string Dutch, string English) Deadline(string kind) => kind switch
    {
        DeadlineKinds.Receipt => ("ontvangstbevestiging", "receipt confirmation"),
        DeadlineKinds.CareStarted => ("start van de zorg", "start of care"),
        DeadlineKinds.Progress => ("voortgangsrapportage", "progress report"),
        DeadlineKinds.AftercarePlan => ("nazorgplan", "aftercare plan"),
        DeadlineKinds.Delivery => ("aflevering door de hub", "delivery by the hub"),
        DeadlineKinds.Reroute => ("doorverwijzing na afwijzing of intrekking", "re-routing after a rejection or withdrawal"),
        DeadlineKinds.Waiting => ("start van de zorg na de wachtlijst", "start of care after the waiting list"),
        _ => (kind, kind),
    };

    public static (string Dutch, string English) Level(int level) => level switch
    {
        1 => ("1 (operationeel)", "1 (operational)"),
        2 => ("2 (management)", "2 (management)"),
        3 => ("3 (bestuurlijk)", "3 (administrative)"),
        _ => (level.ToString(CultureInfo.InvariantCulture), level.ToString(CultureInfo.InvariantCulture)),
    };

    public static (string Dutch, string English) Reason(string reason) => reason switch
    {
        EscalationReasons.NoContact => ("geen contact", "no contact"),
        EscalationReasons.Disagreement => ("meningsverschil", "disagreement"),
        EscalationReasons.AgreementsNotKept => ("afspraken niet nagekomen", "agreements not kept"),
        EscalationReasons.NoCapacity => ("geen capaciteit", "no capacity"),
        EscalationReasons.NoResult => ("geen resultaat", "no result"),
        EscalationReasons.Unsafe => ("onveilige situatie", "unsafe situation"),
        _ => (reason, reason),
    };

    public static (string Dutch, string English) Role(string role) => role switch
    {
        "team-lead" => ("teamleider", "team lead"),
        "manager" => ("manager", "manager"),
        "process-manager" => ("procesmanager", "process manager"),
        "alderman" => ("wethouder", "alderman"),
        Recipient.ChainOffice => ("ketenbureau", "chain office"),
        "operators" => ("ketenbureau (beheer hub)", "chain office (hub operators)"),
        _ => (role, role),
    };
}
