namespace IntegrationHub.Adapters;

/// <summary>
/// What an agency's own format says about the signal its handover stands for in the referral index, beyond the
/// canonical handover: a case-meeting outcome is a <c>case-meeting</c> signal of that meeting (docs/chain.md).
/// Without a hint an accepted handover signals a <c>concern</c>.
/// </summary>
public sealed record SignalHint(string Kind, string? MeetingId = null);
