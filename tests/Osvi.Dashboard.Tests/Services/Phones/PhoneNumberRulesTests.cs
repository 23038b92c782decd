using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Tests.Services.Phones;

public sealed class PhoneNumberRulesTests
{
    [Theory]
    [InlineData("9876543210", "+919876543210", "IN", "9876543210")]
    [InlineData("98765 43210", "+919876543210", "IN", "9876543210")]
    [InlineData("+91 98765-43210", "+919876543210", "IN", "9876543210")]
    [InlineData("09876543210", "+919876543210", "IN", "9876543210")]
    [InlineData("+1 (415) 555-2671", "+14155552671", "US", "4155552671")]
    [InlineData("+44 20 7946 0958", "+442079460958", "GB", "2079460958")]
    public void Parse_ValidNumber_NormalisesToE164(string input, string e164, string region, string national)
    {
        var result = PhoneNumberRules.Parse(input, "IN");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal((e164, region, national), (result.E164, result.RegionCode, result.NationalNumber));
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("", "No phone number given.")]
    [InlineData("   ", "No phone number given.")]
    [InlineData("call me", "Not a phone number: it has no digits.")]
    [InlineData("12345", "Too short for a number of that country.")]
    [InlineData("98765432101234", "Too long for a number of that country.")]
    [InlineData("+999 12345678", "Unknown country code.")]
    [InlineData("5555555555", "Not a valid number for IN.")]
    public void Parse_InvalidNumber_SaysWhy(string input, string error)
    {
        var result = PhoneNumberRules.Parse(input, "IN");

        Assert.False(result.IsValid);
        Assert.Null(result.E164);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Parse_NumberWithoutCountryCode_UsesTheDefaultRegion()
    {
        var result = PhoneNumberRules.Parse("(415) 555-2671", "US");

        Assert.Equal("+14155552671", result.E164);
    }

    [Theory]
    [InlineData("+919876543210", "+91 98765 43210")]
    [InlineData("+14155552671", "+1 415-555-2671")]
    [InlineData("not a number", "not a number")]
    [InlineData(null, "")]
    public void ForReading_Number_FormatsInternationally(string? phone, string expected) =>
        Assert.Equal(expected, PhoneNumberRules.ForReading(phone));

    [Theory]
    [InlineData("+91 98765 43210", "+•• ••••• •3210")]
    [InlineData("3210", "3210")]
    [InlineData("", "")]
    public void Mask_Text_KeepsOnlyTheLastFourDigits(string text, string expected) =>
        Assert.Equal(expected, PhoneNumberRules.Mask(text));
}
