using System.Net;
using MimeKit;

namespace IntegrationHub.Hub.Email;

/// <summary>Refuses settings that would send mail nobody can trust or reach, at start-up, naming the key and why.</summary>
public static class EmailSettingsCheck
{
    public static void Verify(EmailOptions options)
    {
        if (!options.Enabled)
            return;
        if (options.Tls.ToLowerInvariant() is not ("starttls" or "tls" or "none"))
            throw new InvalidOperationException($"Hub:Email:Tls '{options.Tls}' is not starttls, tls or none");
        if (options.From is null || !MailboxAddress.TryParse(options.From, out var from) || !from.Address.Contains('@'))
            throw new InvalidOperationException("Hub:Email:From is required when Hub:Email:Host is set: an address such as \"IntegrationHub <hub@gemeente.example>\"");
        if (options.Tls.Equals("none", StringComparison.OrdinalIgnoreCase) && options.Username is not null && !IsLoopback(options.Host!))
            throw new InvalidOperationException("Hub:Email:Tls none with Hub:Email:Username would send the SMTP password in clear to another machine; use starttls or tls");
        if (options.DashboardBaseUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var dashboard)
                || !(dashboard.Scheme == Uri.UriSchemeHttps || (dashboard.Scheme == Uri.UriSchemeHttp && dashboard.IsLoopback))))
            throw new InvalidOperationException("Hub:Email:DashboardBaseUrl must be an absolute https URL (http only on loopback)");
        foreach (var address in options.ChainOffice)
            if (!MailboxAddress.TryParse(address, out _))
                throw new InvalidOperationException("Hub:Email:ChainOffice lists an entry that is not an e-mail address");
        if (options.Timeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Hub:Email:Timeout must be positive");
    }

    static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
