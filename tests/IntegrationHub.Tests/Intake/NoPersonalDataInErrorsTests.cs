using System.Text;
using System.Text.Json;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.AgencyAdapters;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Intake;

/// <summary>
/// Issue 10 §3: an error text gives the path and the rule, never the value. Invalid messages carrying a
/// known BSN, name and birth date go through every channel (the public API, the BJZ, school and
/// Veiligheidshuis adapters over HTTP, and the same ingress the inbound queues use); none of those values
/// may appear in an answer, in a reject row's problems or in what becomes the x-reject-reason header.
/// </summary>
public class NoPersonalDataInErrorsTests : IAsyncLifetime
{
    const string Bsn = "123456789";
    const string ShortBsn = "12345678";
    const string Name = "Zoelle";
    static readonly string[] Secrets = [Bsn, ShortBsn, Name, "2031-04-12", "01-01-2031", "2016-13-45", "31-02-2016", "12-04-2016"];

    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>Each channel's invalid messages: (adapter or null for the public API, agency, content type, body).</summary>
    static IEnumerable<(string? Adapter, string Agency, string ContentType, byte[] Body)> InvalidMessages()
    {
        var handover = Messages.Handover();
        handover["subject"]!["bsn"] = Bsn;
        handover["subject"]!["givenName"] = Name + "\u0007";
        handover["subject"]!["familyName"] = "Pieters\u202E" + Name;
        handover["subject"]!["birthDate"] = "2031-04-12";
        yield return (null, "school-de-regenboog", "application/json", Encoding.UTF8.GetBytes(handover.ToJsonString()));

        var bjz = Encoding.UTF8.GetString(AgencySamples.BjzHandoverToCjg())
            .Replace("<BSN>123456782</BSN>", $"<BSN>{ShortBsn}</BSN>")
            .Replace("<Voornaam>Kevin</Voornaam>", $"<Voornaam>{string.Concat(Enumerable.Repeat(Name, 40))}</Voornaam>")
            .Replace("<Geboortedatum>2016-04-12</Geboortedatum>", "<Geboortedatum>2016-13-45</Geboortedatum>");
        yield return ("bjz", "bjz-noord-brabant", "application/xml", Encoding.UTF8.GetBytes(bjz));
        var bjzValidXsd = Encoding.UTF8.GetString(AgencySamples.BjzHandoverToCjg())
            .Replace("<BSN>123456782</BSN>", $"<BSN>{Bsn}</BSN>")
            .Replace("<Voornaam>Kevin</Voornaam>", $"<Voornaam>{Name}\u200B</Voornaam>")
            .Replace("<Geboortedatum>2016-04-12</Geboortedatum>", "<Geboortedatum>2031-04-12</Geboortedatum>");
        yield return ("bjz", "bjz-noord-brabant", "application/xml", Encoding.UTF8.GetBytes(bjzValidXsd));

        var school = Encoding.UTF8.GetString(AgencySamples.SchoolKevinZat());
        yield return ("school", "school-de-regenboog", "text/csv", Encoding.UTF8.GetBytes(school.Replace(";12-04-2016;", ";31-02-2016;")));
        yield return ("school", "school-de-regenboog", "text/csv", Encoding.UTF8.GetBytes(
            school.Replace(";123456782;Kevin;", $";{Bsn};{Name}\u202E;").Replace(";12-04-2016;", ";01-01-2031;")));

        var vhh = Encoding.UTF8.GetString(AgencySamples.VhhHenkCareReport());
        yield return ("veiligheidshuis", "veiligheidshuis-tilburg", "application/json", Encoding.UTF8.GetBytes(vhh.Replace("\"2012-09-03\"", "\"12-04-2016\"")));
        yield return ("veiligheidshuis", "veiligheidshuis-tilburg", "application/json", Encoding.UTF8.GetBytes(vhh
            .Replace("\"234567892\"", $"\"{Bsn}\"").Replace("\"Henk\"", $"\"{Name}\\u2066\"").Replace("\"2012-09-03\"", "\"2031-04-12\"")));
    }

    [Fact]
    public async Task No_answer_reject_row_or_queue_refusal_quotes_a_bsn_a_name_or_a_birth_date()
    {
        foreach (var (adapter, agency, contentType, body) in InvalidMessages())
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            var response = await _hub.As(agency).PostAsync(adapter is null ? "/api/handovers" : $"/api/adapters/{adapter}/messages", content);
            var answer = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeOneOf([400, 422], answer);
            NoSecretIn(answer, $"the answer of {adapter ?? "the API"}");

            // The inbound queues (agency.{id}.inbound) go through this ingress; its problems become x-reject-reason.
            var queue = await _hub.Get<AdapterIngress>().HandleAsync(adapter is null ? null : _hub.Get<AdapterCatalog>().ByName(adapter),
                $"amqp:agency.{agency}.inbound", Caller.ForAgency(agency), body, contentType, CancellationToken.None);
            var header = queue switch
            {
                IngressResult.Refused r => JsonSerializer.Serialize(r.Problems.Select(p => new { path = p.Path, reason = p.Reason })),
                IngressResult.Submitted { Failure: { } failure } => AdapterIngress.Reason(failure),
                _ => throw new InvalidOperationException($"{adapter}: expected a refusal, got {queue}"),
            };
            NoSecretIn(header, $"the queue refusal of {adapter ?? "a canonical agency"}");
        }

        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        var problems = (await connection.QueryAsync<string>("SELECT problems FROM rejects")).ToList();
        problems.Should().HaveCountGreaterThanOrEqualTo(InvalidMessages().Count() * 2);
        foreach (var row in problems)
            NoSecretIn(row, "a reject row's problems");
    }

    static void NoSecretIn(string text, string where)
    {
        foreach (var secret in Secrets)
            text.Should().NotContain(secret, $"{where} must name the path and the rule, never the value: {text}");
    }
}
