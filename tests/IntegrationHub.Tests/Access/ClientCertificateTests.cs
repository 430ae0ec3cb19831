using System.Net;
using System.Security.Cryptography;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Access;

/// <summary>
/// HTTPS on Kestrel with mutual TLS (API.md: "a client certificate mapped to one agency"), with certificates
/// the test makes: a private CA the hub trusts, BJZ's certificate registered in the directory by thumbprint.
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime, IDisposable
{
    readonly TestCertificates _pki = TestCertificates.CreateCa();
    readonly string _files = Path.Combine(Path.GetTempPath(), "hub-mtls-" + Guid.NewGuid().ToString("N")[..8]);
    System.Security.Cryptography.X509Certificates.X509Certificate2 _bjz = null!;
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _bjz = _pki.Client("CN=bjz-noord-brabant koppelvlak, O=Bureau Jeugdzorg Noord-Brabant, C=NL");
        _hub = await StartAsync(required: false);
    }

    async Task<TestHub> StartAsync(bool required)
    {
        var (certificate, key) = TestCertificates.WritePem(_pki.Server(), _files, "server");
        var directory = AgencyDirectoryWithCertificates.Write(_files, new Dictionary<string, string>
        {
            ["bjz-noord-brabant"] = _bjz.GetCertHashString(HashAlgorithmName.SHA256),
        });
        return await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = "https://127.0.0.1:0",
            ["Kestrel:Certificates:Default:Path"] = certificate,
            ["Kestrel:Certificates:Default:KeyPath"] = key,
            ["Hub:Directory:Path"] = directory,
            ["Hub:Https:ClientCertificates:Mode"] = "allow",
            ["Hub:Https:ClientCertificates:TrustedCaFile"] = _pki.WriteCaPem(_files),
            ["Hub:Https:ClientCertificates:RequiredForAgencies"] = required ? "true" : "false",
        }, handler: _pki.Handler());
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    HttpClient WithCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string? key = null)
    {
        var client = new HttpClient(_pki.Handler(certificate)()) { BaseAddress = _hub.Http.BaseAddress };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    [Fact]
    public async Task The_certificate_alone_identifies_its_agency()
    {
        _hub.Http.BaseAddress!.Scheme.Should().Be("https");
        using var bjz = WithCertificate(_bjz);

        (await bjz.GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await bjz.GetAsync("/api/agencies/school-de-regenboog/mail")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_certificate_and_a_key_of_different_agencies_are_refused()
    {
        using var mixed = WithCertificate(_bjz, TestCredentials.Agency("school-de-regenboog"));

        var response = await mixed.GetAsync("/api/agencies/school-de-regenboog/mail");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("different callers");
    }

    [Fact]
    public async Task A_certificate_the_directory_does_not_name_identifies_nobody()
    {
        using var stranger = WithCertificate(_pki.Client("CN=unknown system, O=Elsewhere"));
        (await stranger.GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_certificate_from_another_ca_does_not_get_through_the_handshake()
    {
        using var otherPki = TestCertificates.CreateCa("Some other CA");
        var forged = otherPki.Client("CN=bjz-noord-brabant koppelvlak, O=Bureau Jeugdzorg Noord-Brabant, C=NL");
        using var client = WithCertificate(forged);

        var call = () => client.GetAsync("/api/agencies/bjz-noord-brabant/mail");

        await call.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Keys_still_work_over_https_for_operators_and_agencies()
    {
        (await _hub.Operator.GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _hub.As("school-de-regenboog").GetAsync("/api/agencies/school-de-regenboog/mail")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Where_certificates_are_required_an_agency_key_alone_is_refused()
    {
        await using var strict = await StartAsync(required: true);

        (await strict.As("bjz-noord-brabant").GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await strict.Operator.GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.OK, "operators use keys");
    }

    public void Dispose()
    {
        _pki.Dispose();
        try
        {
            Directory.Delete(_files, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
