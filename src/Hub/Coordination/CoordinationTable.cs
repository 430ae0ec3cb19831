using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// A decision table (beslistabel) for who coordinates a family: rules tried in order, the first that holds names
/// the coordinating agency (or that none is needed). When an assigned agency does not accept in time, or declines,
/// the next rule that holds applies. Two ship from the sources: Eindhoven (seed 001:3326-3346) and Almere's care
/// pyramid (seed 001:3411-3462); demo-chain.json has both.
/// </summary>
public sealed record CoordinationTable(string Name, string Source, IReadOnlyList<CoordinationRule> Rules)
{
    /// <summary>The first rule that holds for the family and is not excluded (tried before), with its index; null when none.</summary>
    public (int Index, CoordinationRule Rule)? Evaluate(FamilyFacts facts, IReadOnlySet<int> excluded)
    {
        for (var i = 0; i < Rules.Count; i++)
            if (!excluded.Contains(i) && Rules[i].When.Holds(facts))
                return (i, Rules[i]);
        return null;
    }
}

/// <param name="Coordinator">null: the rule says no coordinator is needed (Almere level 1).</param>
/// <param name="PlanWithin">how soon the coordinator convenes everyone and fixes who does what (the plan); default the region's term.</param>
public sealed record CoordinationRule(string Name, RuleCondition When, CoordinatorChoice? Coordinator, DeadlineSpan? PlanWithin);

/// <summary>What must hold for a rule; every condition given must hold, none given always holds.</summary>
public sealed record RuleCondition
{
    /// <summary>An agency of this kind (bureau-jeugdzorg, jgz, ...) is involved with the family.</summary>
    public string? InvolvedKind { get; init; }
    /// <summary>The youngest child with an active signal is at least / under this age.</summary>
    public int? YoungestFrom { get; init; }
    public int? YoungestUnder { get; init; }
    /// <summary>How many professionals (distinct agencies) are involved.</summary>
    public int? ProfessionalsAtLeast { get; init; }
    public int? ProfessionalsAtMost { get; init; }
    /// <summary>Stagnation was reported on the family (Almere level 4).</summary>
    public bool? Stagnation { get; init; }

    public bool Holds(FamilyFacts f) =>
        (InvolvedKind is null || f.Involved.Any(i => i.Kind == InvolvedKind))
        && (YoungestFrom is null || f.YoungestAge >= YoungestFrom)
        && (YoungestUnder is null || f.YoungestAge < YoungestUnder)
        && (ProfessionalsAtLeast is null || f.Professionals >= ProfessionalsAtLeast)
        && (ProfessionalsAtMost is null || f.Professionals <= ProfessionalsAtMost)
        && (Stagnation is null || f.Stagnating == Stagnation);

    public override string ToString()
    {
        var parts = new List<string>();
        if (InvolvedKind is not null) parts.Add($"{InvolvedKind} involved");
        if (YoungestFrom is not null) parts.Add($"youngest {YoungestFrom}+");
        if (YoungestUnder is not null) parts.Add($"youngest under {YoungestUnder}");
        if (ProfessionalsAtLeast is not null) parts.Add($"{ProfessionalsAtLeast}+ professionals");
        if (ProfessionalsAtMost is not null) parts.Add($"at most {ProfessionalsAtMost} professionals");
        if (Stagnation is not null) parts.Add(Stagnation.Value ? "stagnation" : "no stagnation");
        return parts.Count == 0 ? "always" : string.Join(", ", parts);
    }
}

/// <summary>Who coordinates: the involved agency of a kind, else the agency the region gives a role.</summary>
public sealed record CoordinatorChoice(string? InvolvedKind, string? Role)
{
    public string? Resolve(FamilyFacts facts, IReadOnlyDictionary<string, string> roles)
    {
        if (InvolvedKind is not null && facts.Involved.FirstOrDefault(i => i.Kind == InvolvedKind) is { Agency: { } involved })
            return involved;
        return Role is not null && roles.TryGetValue(Role, out var agency) ? agency : null;
    }
}

/// <summary>What the tables look at: who is involved (agencies with an active signal, receivers of open handovers), ages, stagnation.</summary>
/// <param name="Involved">agencies in order of involvement, with their kind.</param>
public sealed record FamilyFacts(IReadOnlyList<(string Agency, string Kind)> Involved, int? YoungestAge, bool Stagnating, bool Matched, int ActiveSignals)
{
    public int Professionals => Involved.Select(i => i.Agency).Distinct().Count();
}
