namespace IntegrationHub.Hub.Email;

/// <summary>The e-mail channel and the mail kinds people hear of; another kind is one more <see cref="IPeopleMailKind"/>.</summary>
public static class EmailRegistration
{
    public static IServiceCollection AddPeopleMail(this IServiceCollection services, EmailOptions options)
    {
        EmailSettingsCheck.Verify(options);
        services.AddSingleton(options);
        services.AddSingleton<IPeopleMailKind, EscalationMailKind>();
        services.AddSingleton<IPeopleMailKind, NoticeMailKind>();
        services.AddSingleton<IPeopleMailKind, MatchMailKind>();
        services.AddSingleton<PeopleMailPlanner>();
        services.AddSingleton<EmailWords>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<EmailPostman>();
        services.AddSingleton<EmailQueue>();
        return services;
    }
}
