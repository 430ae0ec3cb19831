using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A private CA made for one test, a broker certificate for localhost/127.0.0.1 and a client certificate, both
/// issued by it, as files: PEM for the broker (Erlang reads PEM), PKCS#12 for the hub's client certificate.
/// Valid from an hour ago for a day, by the machine's clock, which is the one TLS checks.
/// </summary>
public sealed class TestCertificates
{
    public const string ClientPassword = "client-certificate-password";

    TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }
    public string CaCertificateFile => Path.Combine(Directory, "ca.pem");
    public string ServerCertificateFile => Path.Combine(Directory, "server.pem");
    public string ServerKeyFile => Path.Combine(Directory, "server.key");
    public string ClientPkcs12File => Path.Combine(Directory, "client.p12");
    /// <summary>A second CA the broker's certificate does not chain to.</summary>
    public string OtherCaCertificateFile => Path.Combine(Directory, "other-ca.pem");

    public static TestCertificates Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var files = new TestCertificates(directory);
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        using var ca = Authority("CN=IntegrationHub test CA", caKey, now);
        File.WriteAllText(files.CaCertificateFile, ca.ExportCertificatePem());
        using var otherKey = RSA.Create(2048);
        using var other = Authority("CN=Someone else's CA", otherKey, now);
        File.WriteAllText(files.OtherCaCertificateFile, other.ExportCertificatePem());

        using var serverKey = RSA.Create(2048);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        using var server = Issue(ca, "CN=localhost", serverKey, "1.3.6.1.5.5.7.3.1", san.Build(), now);
        File.WriteAllText(files.ServerCertificateFile, server.ExportCertificatePem());
        File.WriteAllText(files.ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = RSA.Create(2048);
        using var client = Issue(ca, "CN=integrationhub", clientKey, "1.3.6.1.5.5.7.3.2", null, now);
        using var clientWithKey = client.CopyWithPrivateKey(clientKey);
        File.WriteAllBytes(files.ClientPkcs12File, clientWithKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, ClientPassword));
        return files;
    }

    static X509Certificate2 Authority(string subject, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
    }

    static X509Certificate2 Issue(X509Certificate2 ca, string subject, RSA key, string usage, X509Extension? alternativeNames, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (alternativeNames is not null)
            request.CertificateExtensions.Add(alternativeNames);
        return request.Create(ca, now.AddMinutes(-59), now.AddHours(23), RandomNumberGenerator.GetBytes(16));
    }
}
