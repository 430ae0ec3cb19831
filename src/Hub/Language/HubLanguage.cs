using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace IntegrationHub.Hub.Language;

/// <summary>
/// Which language a person is answered in: Dutch unless asked otherwise. In order: the page's own choice
/// (<c>?lang=en</c>, remembered in the cookie <see cref="Cookie"/>), the browser's Accept-Language when it names
/// Dutch or English first among those (<c>Hub:Language:FollowBrowser</c>, default true), else
/// <c>Hub:Language:Default</c> (default <c>nl</c>).
/// </summary>
public static class HubLanguage
{
    public const string Cookie = "hub-lang";
    public const string Query = "lang";

    /// <summary>The configured default language (Hub:Language:Default), Dutch unless set to English.</summary>
    public static string Default(IConfiguration configuration) => TextCatalog.Supported(configuration["Hub:Language:Default"]) ?? TextCatalog.Dutch;

    public static IServiceCollection AddHubLanguage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TextCatalog.Instance);
        services.AddSingleton<IStringLocalizerFactory, CatalogLocalizerFactory>();
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = TextCatalog.Languages.Select(l => new CultureInfo(l)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Default(configuration));
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(http => Task.FromResult(Chosen(http))),
                new CustomRequestCultureProvider(http => Task.FromResult(
                    configuration.GetValue("Hub:Language:FollowBrowser", true) ? FromBrowser(http) : null)),
            ];
        });
        return services;
    }

    static ProviderCultureResult? Chosen(HttpContext http)
    {
        var language = TextCatalog.Supported(http.Request.Query[Query].ToString()) ?? TextCatalog.Supported(http.Request.Cookies[Cookie]);
        return language is null ? null : new ProviderCultureResult(language);
    }

    /// <summary>The first language of Accept-Language (by quality) that the hub speaks; "en-US" counts as English.</summary>
    static ProviderCultureResult? FromBrowser(HttpContext http)
    {
        var ranked = http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1);
        foreach (var tag in ranked)
            if (TextCatalog.Supported(tag.Value.Value) is { } language)
                return new ProviderCultureResult(language);
        return null;
    }
}
