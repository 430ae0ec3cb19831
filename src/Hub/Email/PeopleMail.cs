using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// One e-mail to one person, as the outbox keeps it until the SMTP server has accepted it: a stable id (its Message-Id),
/// who it is for, and the agency mail it tells about (an escalation or a notice: ids, dates and agencies, no personal
/// data about the child). The text is composed when it is sent, with the configuration of that moment.
/// </summary>
public sealed record PeopleMail
{
    public const string MessageType = "PeopleMail";

    public required Guid EmailId { get; init; }
    public required Recipient To { get; init; }
    public required AgencyMail About { get; init; }

    public static string Destination(string address) => "email:" + address;
}

/// <summary>A person at an agency (or the chain office) by role, with the address the directory or the configuration gives.</summary>
public sealed record Recipient(string Address, string? Name, string AgencyId, string Role)
{
    /// <summary>The chain office (ketenbureau), addressed from Hub:Email:ChainOffice.</summary>
    public const string ChainOffice = "chain-office";
}
