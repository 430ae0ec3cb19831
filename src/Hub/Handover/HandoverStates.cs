using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Hub.Handover;

/// <summary>The state machine's state names as the public contract spells them (API.md).</summary>
public static class StateNames
{
    static readonly Dictionary<string, string> ToPublic = new(StringComparer.Ordinal)
    {
        ["Initial"] = HandoverStates.Submitted,
        ["Submitted"] = HandoverStates.Submitted,
        ["Delivered"] = HandoverStates.Delivered,
        ["Received"] = HandoverStates.ReceiptConfirmed,
        ["InCare"] = HandoverStates.CareStarted,
        ["CareCompleted"] = HandoverStates.Completed,
        ["Rejected"] = HandoverStates.Rejected,
        ["Withdrawn"] = HandoverStates.Withdrawn,
    };

    public static string Public(string machineState) => ToPublic.GetValueOrDefault(machineState, machineState);

    public static string Machine(string publicState) =>
        ToPublic.Where(p => p.Value == publicState && p.Key != "Initial").Select(p => p.Key).FirstOrDefault() ?? publicState;
}
