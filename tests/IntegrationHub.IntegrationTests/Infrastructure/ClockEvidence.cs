using System.Runtime.CompilerServices;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// Says which date the test host's machine clock showed, so a run with the date moved (test.sh's
/// HUB_TEST_DATE_SHIFT, libfaketime) proves in its own output that the suite ran on that date.
/// </summary>
static class ClockEvidence
{
    [ModuleInitializer]
    internal static void Record() =>
        Evidence.Record("clock", $"The test hosts' machine clock read {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC" +
            (Environment.GetEnvironmentVariable("FAKETIME") is { Length: > 0 } shift ? $" (moved {shift} by libfaketime)." : "."));
}
