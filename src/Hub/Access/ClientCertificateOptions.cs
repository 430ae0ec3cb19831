namespace IntegrationHub.Hub.Access;

/// <summary>
/// Mutual TLS (Hub:Https:ClientCertificates): agencies may prove who they are with a client certificate, the way
/// Dutch government chains connect with PKIoverheid certificates. The HTTPS endpoint itself is Kestrel's
/// (Kestrel:Endpoints or --urls https://..., docs/operators.md).
/// </summary>
public sealed class ClientCertificateOptions
{
    /// <summary>none (the default) or allow: Kestrel asks for a client certificate and the hub maps it to an agency.</summary>
    public string Mode { get; set; } = "none";
    /// <summary>PEM file of the CA certificates a client certificate must chain to (e.g. the PKIoverheid roots); default: the machine's trust store.</summary>
    public string? TrustedCaFile { get; set; }
    /// <summary>Check revocation (CRL/OCSP) online; off by default because a hub often cannot reach the CA's servers.</summary>
    public bool CheckRevocation { get; set; }
    /// <summary>When true an agency must present its certificate; a key alone is not enough.</summary>
    public bool RequiredForAgencies { get; set; }

    public bool Enabled => string.Equals(Mode, "allow", StringComparison.OrdinalIgnoreCase);
}

public sealed class HttpsOptions
{
    public ClientCertificateOptions ClientCertificates { get; set; } = new();
}
