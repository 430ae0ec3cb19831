namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// A delivery that cannot succeed by trying again (an agency endpoint refusing with a 4xx). The outbox
/// parks the row instead of retrying it forever; operators see it under /api/operator/undeliverable.
/// </summary>
public class PermanentDeliveryException(string message) : Exception(message);
