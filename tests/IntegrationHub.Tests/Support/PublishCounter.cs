using MassTransit;

namespace IntegrationHub.Tests.Support;

/// <summary>Counts everything the hub's bus publishes, to prove silence where silence is required.</summary>
public sealed class PublishCounter : IPublishObserver
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
