using System.Text.RegularExpressions;

namespace IntegrationHub.Hub.Retour;

/// <summary>
/// Who sent an inbound message and what it called it, so its retour (retourbericht) goes to that agency's own queue and
/// names the message as the agency knows it: its own id in its own format (a BJZ BerichtId), where the hub read one.
/// </summary>
public sealed partial record InboundOrigin(string AgencyId, string? SourceMessageId = null)
{
    /// <summary>
    /// The agency's own id only when it looks like an id (letters, digits and . _ : / -, at most 100) and not like a
    /// BSN (nine digits): the retour quotes its key, never a value that could be personal data.
    /// </summary>
    public string? SafeSourceMessageId => SourceMessageId is { } id && IdLike().IsMatch(id) && !NineDigits().IsMatch(id) ? id : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/\-]{0,99}$")]
    private static partial Regex IdLike();

    [GeneratedRegex(@"^[0-9]{9}$")]
    private static partial Regex NineDigits();
}
