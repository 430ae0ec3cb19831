using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>
/// Five handovers in known states, then three days pass: two never got a receipt and are now overdue
/// and escalated (level 1). Shared, read-only, by the tests that only look.
/// </summary>
public sealed class SeededHub : IAsyncLifetime
{
    public TestHub Hub { get; private set; } = null!;
    /// <summary>school → BJZ, receipt and care started at once.</summary>
    public Guid InCare { get; private set; }
    /// <summary>school → BJZ, receipt only.</summary>
    public Guid Received { get; private set; }
    /// <summary>school → BJZ, nothing: overdue.</summary>
    public Guid OverdueAtBjz { get; private set; }
    /// <summary>JGZ → CJG, nothing: overdue.</summary>
    public Guid OverdueAtCjg { get; private set; }
    /// <summary>Veiligheidshuis → CJG, withdrawn.</summary>
    public Guid Withdrawn { get; private set; }

    public IReadOnlyList<Guid> All => [InCare, Received, OverdueAtBjz, OverdueAtCjg, Withdrawn];

    public async Task InitializeAsync()
    {
        Hub = await OperatorHub.StartAsync();
        InCare = await Hub.SubmitAsync(Messages.Handover());
        Received = await Hub.SubmitAsync(Messages.Handover());
        OverdueAtBjz = await Hub.SubmitAsync(Messages.Handover());
        OverdueAtCjg = await Hub.SubmitAsync(Messages.Handover("jgz-tilburg", "cjg-tilburg"));
        Withdrawn = await Hub.SubmitAsync(Messages.Handover("veiligheidshuis-tilburg", "cjg-tilburg"));
        foreach (var id in All)
            await Hub.WaitForStateAsync(id, "delivered");

        await Hub.GiveAsync(InCare, "receipt", "bjz-noord-brabant", "receipt-confirmed");
        await Hub.GiveAsync(InCare, "care-started", "bjz-noord-brabant", "care-started");
        await Hub.GiveAsync(Received, "receipt", "bjz-noord-brabant", "receipt-confirmed");
        await Hub.GiveAsync(Withdrawn, "withdrawal", "veiligheidshuis-tilburg", "withdrawn");

        // Monday 09:00 + 3 days: the receipt deadline (2 working days) passed on Wednesday.
        await Hub.AdvanceAsync("P3D");
        foreach (var id in new[] { OverdueAtBjz, OverdueAtCjg })
            await Hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count > 0);
    }

    public async Task DisposeAsync() => await Hub.DisposeAsync();
}
