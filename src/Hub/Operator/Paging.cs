namespace IntegrationHub.Hub.Operator;

/// <summary>Which page of a list: 1-based, at most <see cref="MaxPageSize"/> items, so no call can ask for the whole table.</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Offset => (Page - 1) * PageSize;

    public static PageRequest Of(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));

    public PageOf<T> Slice<T>(IReadOnlyList<T> all) => new(all.Skip(Offset).Take(PageSize).ToList(), Page, PageSize, all.Count);
}

/// <summary>One page of a list and the size of the whole list.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
