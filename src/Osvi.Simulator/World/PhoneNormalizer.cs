using PhoneNumbers;

namespace Osvi.Simulator.World;

/// <summary>
/// Phone normalisation to E.164, India first: a bare 10-digit mobile number (starting 6–9) gets <c>+91</c>, and
/// <c>+91…</c>, <c>91…</c> and <c>0…</c> are accepted. Other countries go through libphonenumber (loaded lazily,
/// so start-up stays fast).
/// </summary>
public static class PhoneNormalizer
{
    private static readonly Lazy<PhoneNumberUtil> s_util = new(PhoneNumberUtil.GetInstance);
    private static readonly Lazy<HashSet<string>> s_regions = new(() => new HashSet<string>(s_util.Value.GetSupportedRegions(), StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether a code is a country (ISO 3166-1 alpha-2) the simulator knows how to dial.</summary>
    public static bool IsKnownCountry(string? code) =>
        code is { Length: 2 } && (code.Equals("IN", StringComparison.OrdinalIgnoreCase) || s_regions.Value.Contains(code));

    /// <summary>Normalises a DND or contact phone (no country code given: Indian formats, or a full +CC number).</summary>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        var cleaned = Clean(input);
        if (cleaned.Length == 0)
        {
            return false;
        }

        if (cleaned[0] == '+' && !cleaned.StartsWith("+91", StringComparison.Ordinal))
        {
            return TryLibPhone(cleaned, "ZZ", out e164);
        }

        return TryIndian(cleaned.TrimStart('+'), out e164);
    }

    /// <summary>Normalises <c>phone_number</c> of <c>POST /v1/call</c> against its <c>country_code</c>.</summary>
    public static bool TryNormalize(string? input, string countryCode, out string e164)
    {
        e164 = "";
        var cleaned = Clean(input);
        if (cleaned.Length == 0)
        {
            return false;
        }

        return countryCode.Equals("IN", StringComparison.OrdinalIgnoreCase)
            ? TryIndian(cleaned.TrimStart('+'), out e164)
            : TryLibPhone(cleaned, countryCode.ToUpperInvariant(), out e164);
    }

    private static bool TryIndian(string digits, out string e164)
    {
        e164 = "";
        if (digits.Length == 12 && digits.StartsWith("91", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        else if (digits.Length == 11 && digits[0] == '0')
        {
            digits = digits[1..];
        }

        if (digits.Length != 10 || digits[0] < '6' || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        e164 = "+91" + digits;
        return true;
    }

    private static bool TryLibPhone(string cleaned, string region, out string e164)
    {
        e164 = "";
        try
        {
            var util = s_util.Value;
            var number = util.Parse(cleaned, region);
            if (!util.IsValidNumber(number))
            {
                return false;
            }

            e164 = util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static string Clean(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return "";
        }

        Span<char> buffer = stackalloc char[Math.Min(input.Length, 64)];
        var length = 0;
        foreach (var c in input.AsSpan(0, Math.Min(input.Length, 64)))
        {
            if (char.IsAsciiDigit(c) || (c == '+' && length == 0))
            {
                buffer[length++] = c;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return "";
            }
        }

        return new string(buffer[..length]);
    }
}
