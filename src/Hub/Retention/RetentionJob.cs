using Quartz;

namespace IntegrationHub.Hub.Retention;

/// <summary>The Quartz job that runs the retention sweep (Hub:Retention:Interval, hourly by default).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionSweep sweep) : IJob
{
    public const string Name = "retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
}
