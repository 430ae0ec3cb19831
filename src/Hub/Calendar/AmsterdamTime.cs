namespace IntegrationHub.Hub.Calendar;

/// <summary>Conversions to and from Dutch wall-clock time, including the DST edges.</summary>
internal static class AmsterdamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// The instant a wall-clock time denotes. A time inside the spring-forward gap becomes the first valid
    /// instant after the gap (03:00 +02:00); a time in the repeated autumn hour becomes its first occurrence
    /// (+02:00), the earlier and therefore stricter deadline.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
            return FirstInstantAfterGap(local);
        if (Zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    // Searched rather than derived from the adjustment rules, which differ per platform. The UTC instants
    // local-minus-later-offset and local-minus-earlier-offset bracket the transition, and wall-clock time
    // reaches `local` exactly at the transition.
    static DateTimeOffset FirstInstantAfterGap(DateTime local)
    {
        var before = Zone.GetUtcOffset(local.AddHours(-6));
        var after = Zone.GetUtcOffset(local.AddHours(6));
        long low = (local - after).Ticks;
        long high = (local - before).Ticks;
        while (low < high)
        {
            long middle = low + (high - low) / 2;
            if (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), Zone) >= local)
                high = middle;
            else
                low = middle + 1;
        }
        return ToLocal(new DateTimeOffset(high, TimeSpan.Zero));
    }
}
