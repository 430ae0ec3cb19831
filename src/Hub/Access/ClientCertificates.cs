using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// Client certificates: validated during the TLS handshake against the configured CAs (a certificate that does
/// not chain to them never reaches the hub), then mapped to the one agency whose directory entry names it by
/// SHA-256 thumbprint or by subject.
/// </summary>
public sealed class ClientCertificates
{
    const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    readonly ClientCertificateOptions _options;
    readonly X509Certificate2Collection? _trusted;
    readonly Dictionary<string, string> _byThumbprint = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _bySubject = new(StringComparer.Ordinal);

    public ClientCertificates(HubOptions options, AgencyDirectory directory)
    {
        _options = options.Https.ClientCertificates;
        if (_options.TrustedCaFile is { } caFile)
        {
            if (!File.Exists(caFile))
                throw new InvalidOperationException($"Hub:Https:ClientCertificates:TrustedCaFile '{caFile}' does not exist");
            _trusted = [];
            _trusted.ImportFromPemFile(caFile);
            if (_trusted.Count == 0)
                throw new InvalidOperationException($"Hub:Https:ClientCertificates:TrustedCaFile '{caFile}' holds no certificate");
        }
        foreach (var agency in directory.Agencies)
            foreach (var certificate in agency.Certificates)
            {
                if (certificate.Thumbprint is { } thumbprint)
                    _byThumbprint[thumbprint] = agency.Id;
                if (certificate.Subject is { } subject)
                    _bySubject[Normalise(subject)] = agency.Id;
            }
    }

    public bool Enabled => _options.Enabled;
    public bool RequiredForAgencies => _options.Enabled && _options.RequiredForAgencies;

    /// <summary>The agency a certificate belongs to, or null when the directory names none.</summary>
    public string? AgencyOf(X509Certificate2 certificate)
    {
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (_byThumbprint.TryGetValue(thumbprint, out var agency))
            return agency;
        return _bySubject.GetValueOrDefault(Normalise(certificate.SubjectName.Name));
    }

    /// <summary>Kestrel's handshake check: the chain must end in a trusted CA and allow client authentication.</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? _, SslPolicyErrors __)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = _options.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        if (_trusted is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        }
        return chain.Build(certificate);
    }

    /// <summary>"CN=a, O=b" and "CN=a,O=b" name the same subject.</summary>
    static string Normalise(string subject) =>
        string.Join(",", subject.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
