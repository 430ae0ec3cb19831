using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>The published code list (docs/retour-codes.md) is the one the hub sends: every code, with its exact text and version.</summary>
public class RetourCodeListTests
{
    [Fact]
    public void The_published_list_names_every_code_with_the_text_the_hub_sends()
    {
        var doc = RepoFiles.Read("docs", "retour-codes.md");

        doc.Should().Contain($"code list version {RetourCodes.Version}");
        foreach (var code in RetourCodes.All)
            doc.Should().Contain($"| {code.Code} |").And.Contain($"| {code.Text} |");
        RetourCodes.All.Select(c => c.Code).Should().OnlyHaveUniqueItems();
    }
}
