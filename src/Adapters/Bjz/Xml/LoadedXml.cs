using System.Xml.Linq;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Bjz.Xml;

/// <summary>A document that was safe to read, or the one reason it was not (malformed: a 400, not a 422).</summary>
sealed record LoadedXml(XDocument? Document, ValidationProblem? Problem)
{
    public static LoadedXml Refused(string reason) => new(null, new ValidationProblem("/", reason));
}
