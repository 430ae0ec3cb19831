namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A second private RabbitMQ node, with the management plugin (which provisioning talks to), started on first
/// use only: the other tests of the collection do not pay for it. In the same collection as the main node, so
/// the broker tests run one after another on this small machine rather than side by side.
/// </summary>
public sealed class ManagedRabbitMqNode : IAsyncLifetime
{
    readonly SemaphoreSlim _starting = new(1, 1);
    RabbitMqNode? _node;

    public async Task<RabbitMqNode> GetAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_node is null)
            {
                var node = new RabbitMqNode { Management = true };
                await node.InitializeAsync();
                _node = node;
            }
            return _node;
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_node is not null)
            await _node.DisposeAsync();
        _starting.Dispose();
    }
}
