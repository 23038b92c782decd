using System.Text;
using PhoneNumbers;

namespace Osvi.Dashboard.Services.Phones;

/// <summary>The outcome of reading a phone number typed or uploaded by a user.</summary>
/// <param name="Input">What was given, as given.</param>
/// <param name="E164">The canonical form (<c>+919876543210</c>) when valid.</param>
/// <param name="RegionCode">The ISO 3166-1 alpha-2 region of the number when valid (e.g. <c>IN</c>).</param>
/// <param name="NationalNumber">The national significant number (digits, no country code): what <c>POST /v1/call</c> wants.</param>
/// <param name="Error">Why it is not a usable number, in words a user can act on.</param>
public sealed record PhoneParseResult(string Input, string? E164, string? RegionCode, string? NationalNumber, string? Error)
{
    /// <summary>True when the number is valid.</summary>
    public bool IsValid => E164 is not null;
}

/// <summary>Phone numbers the way OSVI wants them: validated and normalised with libphonenumber (default region India,
/// as OSVI's own normalisation), formatted for reading, masked for viewers.</summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil s_util = PhoneNumberUtil.GetInstance();

    /// <summary>Every region libphonenumber knows (for country pickers and settings validation).</summary>
    public static IReadOnlyCollection<string> SupportedRegions { get; } = s_util.GetSupportedRegions();

    /// <summary>True when <paramref name="regionCode"/> is a region libphonenumber knows.</summary>
    public static bool IsSupportedRegion(string? regionCode) =>
        regionCode is not null && SupportedRegions.Contains(regionCode.ToUpperInvariant());

    /// <summary>The international dialling code of a region (91 for IN), or 0 when unknown.</summary>
    public static int CountryCodeOf(string regionCode) => s_util.GetCountryCodeForRegion(regionCode.ToUpperInvariant());

    /// <summary>Reads a number in any common form (<c>98765 43210</c>, <c>+91 98765-43210</c>, <c>0098…</c>,
    /// <c>09876543210</c>); numbers without a country code are read in <paramref name="defaultRegion"/>.</summary>
    public static PhoneParseResult Parse(string? input, string defaultRegion)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Invalid(text, "No phone number given.");
        }

        if (text.Length > 40)
        {
            return Invalid(text, "Too long to be a phone number.");
        }

        if (!text.Any(char.IsDigit))
        {
            return Invalid(text, "Not a phone number: it has no digits.");
        }

        // libphonenumber reads a number out of surrounding text ("<b>98765…</b>", "98765…'; DROP…"), so anything but
        // digits, spaces and the usual punctuation is refused here: what is sent is exactly what the user meant.
        if (UnexpectedCharacter(text) is { } unexpected)
        {
            return Invalid(text, $"Not a phone number: it contains {unexpected}. Use digits, spaces and + - ( ) . / only.");
        }

        PhoneNumber number;
        try
        {
            number = s_util.Parse(text, defaultRegion.ToUpperInvariant());
        }
        catch (NumberParseException exception)
        {
            return Invalid(text, exception.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => "Unknown country code.",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "Too short to be a phone number.",
                ErrorType.TOO_LONG => "Too long to be a phone number.",
                _ => "Not a phone number.",
            });
        }

        if (!s_util.IsValidNumber(number))
        {
            var region = s_util.GetRegionCodeForCountryCode(number.CountryCode);
            return Invalid(text, s_util.IsPossibleNumberWithReason(number) switch
            {
                PhoneNumberUtil.ValidationResult.TOO_SHORT => "Too short for a number of that country.",
                PhoneNumberUtil.ValidationResult.TOO_LONG => "Too long for a number of that country.",
                PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "Unknown country code.",
                _ => region is "ZZ" ? "Not a valid phone number." : $"Not a valid number for {region}.",
            });
        }

        return new PhoneParseResult(
            text,
            s_util.Format(number, PhoneNumberFormat.E164),
            s_util.GetRegionCodeForNumber(number),
            s_util.GetNationalSignificantNumber(number),
            null);
    }

    private static string? UnexpectedCharacter(string text)
    {
        var plusAllowed = true;
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.IsBmp ? (char)rune.Value : '\0';
            if (Rune.IsDigit(rune) || Rune.IsWhiteSpace(rune) || c is '-' or '(' or ')' or '.' or '/')
            {
                plusAllowed &= !Rune.IsDigit(rune);
                continue;
            }

            // One leading "+" (after an opening bracket or spaces at most): "(+91) 98765…", never "98765+…" or "++91…".
            if (c == '+' && plusAllowed)
            {
                plusAllowed = false;
                continue;
            }

            return Rune.IsControl(rune) || rune.Value is >= 0x200B and <= 0x200F or >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069
                ? $"an invisible character (U+{rune.Value:X4})"
                : $"“{rune}”";
        }

        return null;
    }

    /// <summary>A number as people read it (<c>+91 98765 43210</c>); anything unparsable is returned as given.</summary>
    public static string ForReading(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        try
        {
            var number = s_util.Parse(phone, "IN");
            return s_util.IsValidNumber(number) ? s_util.Format(number, PhoneNumberFormat.INTERNATIONAL) : phone;
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }

    /// <summary>Hides every digit but the last four (<c>+•• ••••• •3210</c>); the layout of the text is kept.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var digitsToKeep = 4;
        var characters = text.ToCharArray();
        for (var i = characters.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(characters[i]))
            {
                continue;
            }

            if (digitsToKeep > 0)
            {
                digitsToKeep--;
            }
            else
            {
                characters[i] = '•';
            }
        }

        return new string(characters);
    }

    private static PhoneParseResult Invalid(string input, string error) => new(input, null, null, null, error);
}
