namespace IntegrationHub.Hub.Coordination;

/// <summary>The titles of the chain's notices, in the chain's words (Dutch first), never naming the child.</summary>
public static class ChainTexts
{
    public const string DoubleCaseMeeting = "Dubbel casusoverleg: dit kind of gezin staat ook op de lijst van een ander overleg";
    public const string MatchContactReminder = "Herinnering match: bevestig dat u contact hebt gehad met de andere betrokkene(n)";
    public const string MatchNotFollowedUp = "Match niet opgevolgd: het contact is niet binnen de termijn bevestigd";
    public const string CoordinatorAssigned = "U bent aangewezen als coördinator van dit gezin (één gezin, één plan): aanvaard of wijs af";
    public const string CoordinatorAccepted = "Coördinator van het gezin bekend";
    public const string CoordinatorNotAccepted = "Coördinatie niet aanvaard: de volgende regel van de beslistabel is toegepast";
    public const string NoCoordinator = "Geen coördinator: de beslistabel wijst niemand (meer) aan; het ketenbureau moet ingrijpen";
    public const string CoordinatorReplaced = "De coördinatie van het gezin is overgenomen";
    public const string PlanRegistered = "Gezinsplan vastgelegd (één gezin, één plan)";
    public const string PlanAction = "Afspraak uit het gezinsplan: uw organisatie is aan zet";
    public const string Stagnation = "Stagnatie gemeld in de hulp aan dit gezin";
    public const string PossibleDuplicate = "Mogelijk dubbele overdracht: hetzelfde kind is door een andere afzender bij dezelfde ontvanger aangemeld";

    public static string Escalation(string kind, long level) => kind switch
    {
        ChainDeadlineKinds.Plan => $"Opschaling niveau {level}: het gezinsplan is niet op tijd vastgelegd",
        ChainDeadlineKinds.PlanReview => $"Opschaling niveau {level}: de evaluatie van het gezinsplan is te laat",
        ChainDeadlineKinds.Action => $"Opschaling niveau {level}: een afspraak uit het gezinsplan is niet op tijd nagekomen",
        _ => $"Opschaling niveau {level}: {kind} te laat",
    };

    public static string Resolved(string kind) => kind switch
    {
        ChainDeadlineKinds.Plan => "Opschaling opgelost: het gezinsplan is vastgelegd",
        ChainDeadlineKinds.PlanReview => "Opschaling opgelost: het gezinsplan is geëvalueerd",
        ChainDeadlineKinds.Action => "Opschaling opgelost: de afspraak is nagekomen",
        _ => $"Opschaling opgelost: {kind}",
    };
}
