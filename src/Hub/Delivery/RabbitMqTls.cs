using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// AMQPS (Hub:RabbitMq:Tls), the same for every RabbitMQ.Client connection of the hub: the broker's name is always checked; its certificate must chain to the
/// configured CA when one is given (a private CA, e.g. the chain's own), else to the system's trust store;
/// a client certificate is presented when configured.
/// </summary>
public static class RabbitMqTls
{
    /// <summary>What the OS and broker both speak; older versions are refused.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    public static string ServerName(RabbitMqOptions rabbit) => rabbit.Tls.ServerName ?? rabbit.Host ?? "localhost";

    public static SslOption ClientOption(RabbitMqOptions rabbit)
    {
        if (!rabbit.Tls.Enabled)
            return new SslOption { Enabled = false };
        var option = new SslOption
        {
            Enabled = true,
            ServerName = ServerName(rabbit),
            Version = Protocols,
            CertificateValidationCallback = Validator(rabbit.Tls),
        };
        if (ClientCertificate(rabbit.Tls) is { } certificate)
            option.Certs = new X509CertificateCollection { certificate };
        return option;
    }

    /// <summary>Accepts the broker's certificate when its name matches and it chains to the trusted CA.</summary>
    public static RemoteCertificateValidationCallback Validator(RabbitMqTlsOptions tls)
    {
        var trusted = TrustedAuthorities(tls);
        return (_, certificate, chain, errors) =>
        {
            if (trusted is null)
                return errors == SslPolicyErrors.None;
            // A name mismatch or a missing certificate is never forgiven; only the chain is judged again, against the CA alone.
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                return false;
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(trusted);
            // A private CA seldom publishes revocation lists the hub could reach; rotating the broker's certificate is the remedy.
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
                foreach (var element in chain.ChainElements)
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return custom.Build(leaf);
        };
    }

    static X509Certificate2Collection? TrustedAuthorities(RabbitMqTlsOptions tls)
    {
        if (tls.CaCertificatePath is not { } path)
            return null;
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        if (authorities.Count == 0)
            throw new InvalidOperationException($"Hub:RabbitMq:Tls:CaCertificatePath: {path} holds no PEM certificate");
        return authorities;
    }

    public static X509Certificate2? ClientCertificate(RabbitMqTlsOptions tls) =>
        tls.ClientCertificatePath is { } path ? X509CertificateLoader.LoadPkcs12FromFile(path, tls.ClientCertificatePassword) : null;
}
