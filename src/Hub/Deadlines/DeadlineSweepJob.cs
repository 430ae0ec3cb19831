using Quartz;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>The Quartz job that runs the deadline sweep on an interval (Hub:Scheduler:SweepInterval).</summary>
[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(DeadlineSweep sweep) : IJob
{
    public const string Name = "deadline-sweep";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
}
