using Osvi.Dashboard.Services.Campaigns.Uploads;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class ContactMappingTests
{
    [Fact]
    public void Suggest_HeaderWithTitles_FindsPhoneNameAndKeepsTheRestAsVariables()
    {
        var table = Table("Customer Name,Mobile Number,Plan,Renewal Date\nRavi Kumar,9876543210,Pro,2026-07-01\nAnita,9876500000,Basic,2026-07-02");

        var mapping = ContactMapping.Suggest(table, "IN");

        Assert.True(mapping.HasHeader);
        Assert.Equal(1, mapping.PhoneColumn);
        Assert.Equal(0, mapping.NameColumn);
        Assert.Equal([new ContactVariable(2, "plan"), new ContactVariable(3, "renewal_date")], mapping.Variables);
    }

    [Fact]
    public void Suggest_NoHeader_FindsThePhoneByItsNumbersAndTheNameByItsWords()
    {
        var table = Table("Ravi Kumar,Pro,+91 98765 43210\nAnita Desai,Basic,9876500000\nAsha Rao,Pro,09876511111");

        var mapping = ContactMapping.Suggest(table, "IN");

        Assert.False(mapping.HasHeader);
        Assert.Equal(2, mapping.PhoneColumn);
        Assert.Equal(0, mapping.NameColumn);
        Assert.Equal([new ContactVariable(1, "column_2")], mapping.Variables);
        Assert.Equal(3, mapping.DataRows(table).Count());
    }

    [Fact]
    public void Suggest_OnlyNumbers_HasNoHeaderAndNoName()
    {
        var mapping = ContactMapping.Suggest(Table("9876543210\n9876500000"), "IN");

        Assert.False(mapping.HasHeader);
        Assert.Equal(0, mapping.PhoneColumn);
        Assert.Null(mapping.NameColumn);
        Assert.Empty(mapping.Variables);
    }

    [Fact]
    public void Create_TitlesThatCollide_GetUniqueKeysAndNeverTakePhoneOrPersonName()
    {
        var table = Table("number,phone,Person Name,Plan,plan,2nd line\n9876543210,9876500000,A,B,C,D");

        var mapping = ContactMapping.Create(table, hasHeader: true, phoneColumn: 0, nameColumn: 3);

        Assert.Equal(["phone_2", "person_name_2", "plan", "c_2nd_line"], mapping.Variables.Select(variable => variable.Key));
    }

    [Theory]
    [InlineData("Plan Name", "plan_name")]
    [InlineData("  Renewal-Date (IST) ", "renewal_date_ist")]
    [InlineData("Café", "cafe")]
    [InlineData("नाम", "column_4")]
    [InlineData("", "column_4")]
    public void Slug_Title_IsAPromptFriendlyKey(string title, string expected) => Assert.Equal(expected, ContactMapping.Slug(title, 3));

    [Fact]
    public void ColumnTitles_WithoutHeader_AreNumbered() =>
        Assert.Equal(["Column 1", "Column 2"], ContactMapping.ColumnTitles(Table("9876543210,Ravi"), hasHeader: false));

    private static ContactTable Table(string text) => ContactTableReader.Read(text, "text", 1000, out _)!;
}
