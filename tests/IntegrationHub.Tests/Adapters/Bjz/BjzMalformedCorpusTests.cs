using System.Text;
using IntegrationHub.Adapters;
using static IntegrationHub.Tests.Adapters.Bjz.BjzTestKit;

namespace IntegrationHub.Tests.Adapters.Bjz;

/// <summary>Bytes that must never be parsed into a message: each is refused as malformed, with its own reason.</summary>
public class BjzMalformedCorpusTests
{
    const string Ns = "urn:integrationhub:bjz:1.0";

    static void ShouldBeMalformed(InboundResult result, params string[] reasonParts)
    {
        result.Malformed.Should().BeTrue();
        result.Messages.Should().BeEmpty();
        result.IsValid.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be("/");
        foreach (var part in reasonParts)
            problem.Reason.Should().Contain(part);
    }

    [Fact]
    public void Truncated_xml_is_not_well_formed_and_says_where_it_ended()
    {
        var whole = Golden("inbound", "overdracht-bjz-naar-cjg.xml");

        var result = Read(whole[..(whole.Length / 2)]);

        ShouldBeMalformed(result, "is not well-formed XML", "Unexpected end of file");
    }

    [Fact]
    public void Windows_1252_bytes_in_a_document_that_declares_utf8_are_refused_with_the_line()
    {
        var xml = Inbound("terugkoppeling-ontvangst.xml").Replace("</Terugkoppeling>", "  <Toelichting>Café</Toelichting>\n</Terugkoppeling>");
        var bytes = Encoding.GetEncoding(1252).GetBytes(xml);

        var result = Read(bytes);

        ShouldBeMalformed(result, "the bytes are not valid UTF-8", "the encoding the document declares", "(line 9, column 19)");
    }

    [Fact]
    public void An_encoding_the_hub_does_not_know_is_refused_by_name()
    {
        var xml = Inbound("terugkoppeling-ontvangst.xml").Replace("encoding=\"UTF-8\"", "encoding=\"x-klingon\"");

        ShouldBeMalformed(Read(xml), "encoding 'x-klingon'", "not supported");
    }

    [Fact]
    public void An_external_entity_is_refused_before_any_file_is_read()
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE Terugkoppeling [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Terugkoppeling xmlns="{Ns}" versie="1.0"><BerichtId>X-1</BerichtId><Toelichting>&xxe;</Toelichting></Terugkoppeling>
            """;

        var result = Read(xml);

        ShouldBeMalformed(result, "DTDs are not accepted", "XXE", "(line 2, column 1)");
        result.Problems.Single().Reason.Should().NotContain("root:");
    }

    [Fact]
    public void Billion_laughs_entity_expansion_is_refused()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE lolz [{entities}]><Overdracht xmlns=\"{Ns}\">&lol9;</Overdracht>";

        ShouldBeMalformed(Read(xml), "DTDs are not accepted", "billion laughs");
    }

    [Fact]
    public void A_bare_doctype_is_refused_too()
    {
        var xml = Inbound("terugkoppeling-ontvangst.xml").Replace("<Terugkoppeling ", "<!DOCTYPE Terugkoppeling>\n<Terugkoppeling ");

        ShouldBeMalformed(Read(xml), "DTDs are not accepted");
    }

    [Fact]
    public void A_50_MB_body_is_refused_by_size_before_parsing()
    {
        var body = new byte[50 * 1024 * 1024];
        Encoding.ASCII.GetBytes($"<Overdracht xmlns=\"{Ns}\">").CopyTo(body, 0);
        body.AsSpan(40).Fill((byte)'a');

        var result = Read(body);

        ShouldBeMalformed(result, "52428800 bytes", "at most 4194304 bytes");
    }

    [Fact]
    public void The_body_limit_comes_from_the_context()
    {
        var body = Golden("inbound", "terugkoppeling-ontvangst.xml");

        var result = Adapter.Read(body, "application/xml", Context(maxBodyBytes: 100));

        ShouldBeMalformed(result, $"{body.Length} bytes", "at most 100 bytes");
    }

    [Fact]
    public void Nesting_deeper_than_32_levels_is_refused()
    {
        var xml = $"<Overdracht xmlns=\"{Ns}\">{string.Concat(Enumerable.Repeat("<a>", 40))}{string.Concat(Enumerable.Repeat("</a>", 40))}</Overdracht>";

        ShouldBeMalformed(Read(xml), "nest deeper than 32 levels", "(line 1,");
    }

    [Fact]
    public void An_empty_body_is_refused() =>
        ShouldBeMalformed(Read([]), "the body is empty");

    [Fact]
    public void Json_sent_to_the_xml_adapter_is_refused_by_content_type() =>
        ShouldBeMalformed(Read(Encoding.UTF8.GetBytes("{}"), "application/json"), "'application/json' is not XML");

    [Fact]
    public void Text_that_is_not_xml_at_all_is_malformed() =>
        ShouldBeMalformed(Read("hello, BJZ"), "is not well-formed XML");
}
