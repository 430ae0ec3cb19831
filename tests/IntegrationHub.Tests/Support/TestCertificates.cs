using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Tests.Support;

/// <summary>A private CA and certificates it issues, made by the test itself (TLS on Kestrel and on the broker, mutual TLS).</summary>
public sealed class TestCertificates : IDisposable
{
    TestCertificates(X509Certificate2 ca) => Ca = ca;

    public X509Certificate2 Ca { get; }

    public static TestCertificates CreateCa(string name = "IntegrationHub test CA")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=IntegrationHub tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new TestCertificates(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5)));
    }

    /// <summary>A server certificate for localhost and 127.0.0.1.</summary>
    public X509Certificate2 Server(string name = "localhost") => Issue($"CN={name}", serverAuth: true, san =>
    {
        san.AddDnsName(name);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
    });

    /// <summary>A client certificate (TLS client authentication) with this subject.</summary>
    public X509Certificate2 Client(string subject) => Issue(subject, serverAuth: false, null);

    X509Certificate2 Issue(string subject, bool serverAuth, Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (names is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        // With its private key, exportable, so Kestrel, the broker and HttpClient can use it.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Writes the CA as PEM (what a trust setting points at).</summary>
    public string WriteCaPem(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "ca.pem");
        File.WriteAllText(path, Ca.ExportCertificatePem());
        return path;
    }

    /// <summary>Writes a certificate with its key as PEM files (cert, key).</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var cert = Path.Combine(directory, name + ".pem");
        var key = Path.Combine(directory, name + ".key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>A handler that trusts this CA only, optionally presenting a client certificate.</summary>
    public Func<HttpMessageHandler> Handler(X509Certificate2? client = null) => () =>
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        if (client is not null)
            handler.SslOptions.ClientCertificates = [client];
        return handler;
    };

    public void Dispose() => Ca.Dispose();
}
