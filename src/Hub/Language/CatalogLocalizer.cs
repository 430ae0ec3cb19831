using Microsoft.Extensions.Localization;

namespace IntegrationHub.Hub.Language;

/// <summary>
/// ASP.NET Core's <see cref="IStringLocalizer"/> over the hub's catalog, in the request's UI culture (set by the
/// request localization middleware from configuration, the caller's choice or the browser's Accept-Language).
/// </summary>
public sealed class CatalogLocalizer(TextCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name] => Localized(name, catalog.Get(name, TextCatalog.Current));

    public LocalizedString this[string name, params object[] arguments] => Localized(name, catalog.Format(name, TextCatalog.Current, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.Keys(TextCatalog.Current).Select(k => this[k]);

    LocalizedString Localized(string name, string value) => new(name, value, resourceNotFound: value == name);
}

/// <summary>One catalog for the whole hub: every <c>IStringLocalizer&lt;T&gt;</c> reads it.</summary>
public sealed class CatalogLocalizerFactory(TextCatalog catalog) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new CatalogLocalizer(catalog);

    public IStringLocalizer Create(string baseName, string location) => new CatalogLocalizer(catalog);
}
