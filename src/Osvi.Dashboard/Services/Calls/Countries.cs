using System.Globalization;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>A country a number can belong to.</summary>
/// <param name="Code">ISO 3166-1 alpha-2, e.g. <c>IN</c>.</param>
/// <param name="Name">The English name, e.g. India.</param>
/// <param name="DialCode">The international code, e.g. 91.</param>
public sealed record Country(string Code, string Name, int DialCode)
{
    /// <summary>"India (+91)".</summary>
    public string Label => $"{Name} (+{DialCode.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>Every region libphonenumber knows, by name.</summary>
    public static IReadOnlyList<Country> All { get; } = [.. PhoneNumberRules.SupportedRegions
        .Select(code => new Country(code, NameOf(code), PhoneNumberRules.CountryCodeOf(code)))
        .OrderBy(country => country.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The country of a code (its code as name when unknown).</summary>
    public static Country Of(string? code) =>
        All.FirstOrDefault(country => string.Equals(country.Code, code, StringComparison.OrdinalIgnoreCase)) ?? new Country(code ?? "", code ?? "", 0);

    private static string NameOf(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
