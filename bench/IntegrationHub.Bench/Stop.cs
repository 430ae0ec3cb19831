namespace IntegrationHub.Bench;

/// <summary>Runs a fixture's stop at the end of the enclosing scope, so the private servers never outlive the run.</summary>
sealed class Stop(Func<Task> stop) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await stop();
}
