using Quartz;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>The Quartz job that runs the deadline sweep on an interval (Hub:Scheduler:SweepInterval).</summary>
[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(DeadlineSweep sweep) : IJob
{
    public const string Name = "deadline-sweep";

    public async Task Execute(IJobExecutionContext context) => await sweep.RunAsync(context.CancellationToken).ConfigureAwait(false);
}
