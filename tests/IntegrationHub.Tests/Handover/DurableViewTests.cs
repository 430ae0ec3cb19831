using System.Net;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Handover;

public class DurableViewTests
{
    [Fact]
    public async Task The_view_survives_a_restart_because_it_is_read_from_the_database()
    {
        Guid id;
        string directory;
        await using (var first = await TestHub.StartAsync())
        {
            first.KeepDataOnDispose = true;
            directory = first.DataDirectory;
            id = await first.SubmitAsync(Messages.Handover());
            await first.WaitForStateAsync(id, "delivered");
            (await first.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
            await first.WaitForStateAsync(id, "receipt-confirmed");
        }

        await using var second = await TestHub.StartAsync(dataDirectory: directory);
        var view = await second.WaitForViewAsync(id, _ => true, TimeSpan.FromSeconds(5));

        view["state"]!.GetValue<string>().Should().Be("receipt-confirmed");
        view["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().StartWith(["submitted", "delivered", "receipt-confirmed"]);
    }
}
