namespace IntegrationHub.Contracts.Validation;

/// <summary>Citizen service number (burgerservicenummer) checks.</summary>
public static class Bsn
{
    /// <summary>
    /// The BSN 11-check (elfproef): nine digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by
    /// 11. An all-zero number passes the arithmetic but is never issued, so it is refused too.
    /// </summary>
    public static bool PassesElevenCheck(string? bsn)
    {
        if (bsn is not { Length: 9 } || !bsn.All(char.IsAsciiDigit) || bsn == "000000000")
            return false;
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (bsn[i] - '0') * (9 - i);
        sum -= bsn[8] - '0';
        return sum % 11 == 0;
    }
}
