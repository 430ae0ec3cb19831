using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.AgencyAdapters;

namespace IntegrationHub.Hub.Delivery;

/// <summary>Renders mail in the receiving agency's own format; canonical agencies get the AgencyMail JSON itself.</summary>
public sealed class MailRenderer(AdapterCatalog catalog)
{
    public OutboundDocument Render(AgencyMail mail, Agency agency)
    {
        var format = agency.Delivery.Format;
        if (string.Equals(format, AdapterCatalog.CanonicalFormat, StringComparison.OrdinalIgnoreCase))
            return new OutboundDocument("application/json", JsonSerializer.SerializeToUtf8Bytes(mail, HubJson.Options));
        // A format without an adapter is a directory/wiring mistake: fail loudly so the outbox keeps the mail.
        var adapter = catalog.ByFormat(format)
            ?? throw new InvalidOperationException($"agency {agency.Id} wants format '{format}', which no adapter renders");
        return adapter.Render(mail);
    }
}
