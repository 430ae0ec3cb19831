using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// One piece of mail the postman has handed over, waiting for its outbox row to be marked: the rendered
/// document, the delivery-log entry, and whether its drop is a table in the hub's own database (the embedded
/// mailbox), written in the same transaction as the mark, so it is there exactly when the mark is.
/// </summary>
public sealed record Delivered(AgencyMail Mail, OutboundDocument Document, DeliveryLogEntry Entry, bool DropInDatabase);
