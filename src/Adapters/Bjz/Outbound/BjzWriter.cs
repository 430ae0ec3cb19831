using System.Text;
using System.Xml;
using System.Xml.Linq;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>Mail addressed to BJZ becomes one XML document valid against bjz.xsd (UTF-8, indented).</summary>
static class BjzWriter
{
    public static byte[] Render(AgencyMail mail)
    {
        var root = mail.Kind switch
        {
            AgencyMailKinds.Handover => HandoverRenderer.Render(mail, mail.HandoverDocument()),
            AgencyMailKinds.Feedback => FeedbackRenderer.Render(mail, mail.FeedbackDocument()),
            AgencyMailKinds.EscalationRaised or AgencyMailKinds.EscalationResolved =>
                EscalationRenderer.Render(mail, mail.Escalation ?? throw Incomplete(mail, "an escalation notice")),
            AgencyMailKinds.Notice => NoticeRenderer.Render(mail, mail.Notice ?? throw Incomplete(mail, "a notice")),
            AgencyMailKinds.Retour => RetourRenderer.Render(mail, mail.Retour ?? throw Incomplete(mail, "a retour")),
            AgencyMailKinds.Match => ChainRenderer.Match(mail, mail.Match ?? throw Incomplete(mail, "a match")),
            _ => throw new ArgumentException($"mail {mail.MailId} has kind '{mail.Kind}', which the BJZ format cannot carry", nameof(mail)),
        };
        root.SetAttributeValue("versie", BjzXml.Version);
        return Serialize(new XDocument(new XDeclaration("1.0", "utf-8", null), root));
    }

    /// <summary>Dates and moments in the one spelling the XSD's patterns accept.</summary>
    public static string Moment(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz");

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd");

    static ArgumentException Incomplete(AgencyMail mail, string what) =>
        new($"mail {mail.MailId} of kind '{mail.Kind}' carries no {what}", nameof(mail));

    static byte[] Serialize(XDocument document)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using (var writer = XmlWriter.Create(buffer, settings))
            document.Save(writer);
        return buffer.ToArray();
    }
}
