namespace IntegrationHub.Hub.Audit;

/// <summary>What is wrong with the first broken entry.</summary>
public enum ChainBreakKind
{
    /// <summary>The stored entry_hash is not the hash of the stored fields: the row was changed.</summary>
    HashMismatch,
    /// <summary>prev_hash is not the entry_hash of the entry before: a row was removed, inserted or re-chained.</summary>
    PrevHashDoesNotLink,
    /// <summary>The sequence number is not one more than the one before: a row is missing.</summary>
    SequenceGap,
}

public sealed record ChainBreak(long Sequence, ChainBreakKind Kind, string Detail)
{
    public override string ToString() => $"entry {Sequence}: {Kind}: {Detail}";
}

/// <summary>The verdict on the whole chain: intact with its length and last hash, or its first break.</summary>
public sealed record ChainVerification(long Count, string LastHash, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;

    public override string ToString() => Intact
        ? $"OK: {Count} entries, last hash {LastHash}"
        : $"BROKEN at {FirstBreak} (after {Count} intact entries ending in {LastHash})";
}
