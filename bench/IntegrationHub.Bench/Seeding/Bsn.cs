namespace IntegrationHub.Bench.Seeding;

/// <summary>Valid BSNs (burgerservicenummers: the 11-check), a different one for every number, so every bench child is a different child.</summary>
static class Bsn
{
    /// <summary>A BSN of eight digits from <paramref name="number"/> (10,000,000 + it; another eight where no ninth digit fits) and the digit the 11-check asks for.</summary>
    public static string Make(long number)
    {
        for (var prefix = 10_000_000 + number * 2; ; prefix++)
        {
            var digits = prefix.ToString("D8");
            var sum = 0;
            for (var i = 0; i < 8; i++)
                sum += (digits[i] - '0') * (9 - i);
            // 9*d1 + ... + 2*d8 - d9 must be a multiple of 11: d9 is that sum mod 11, when it is one digit.
            if (sum % 11 < 10)
                return digits + (char)('0' + sum % 11);
        }
    }
}
