using System.Text;
using Osvi.Dashboard.Services.Campaigns.Uploads;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class ContactTableTests
{
    private const string Contacts = "phone,person_name,plan\r\n9876543210,Ravi Kumar,Pro\r\n+91 98765 00000,Anita Desai,Basic\r\n";

    [Theory]
    [InlineData("utf-8-bom", "UTF-8 (with BOM)")]
    [InlineData("utf-16le", "UTF-16 LE")]
    [InlineData("utf-16be", "UTF-16 BE")]
    [InlineData("utf-8", "UTF-8")]
    public void Read_CommonEncodings_ReadsTheSameRows(string encoding, string expectedName)
    {
        var text = "phone,person_name\n9876543210,Ravi Kumâr\n9876500000,Ánita Désai\n";
        var bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            _ => Encoding.UTF8.GetBytes(text),
        };

        var table = ContactTableReader.Read(bytes, 100, out var problem);

        Assert.Null(problem);
        Assert.Equal(expectedName, table!.EncodingName);
        Assert.Equal(["phone", "person_name"], table.Rows[0].Cells);
        Assert.Equal("Ravi Kumâr", table.Rows[1].Cell(1));
        Assert.Equal("Ánita Désai", table.Rows[2].Cell(1));
    }

    [Fact]
    public void Read_ExcelWindows1252File_FallsBackAndKeepsAccents()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("phone;name\n9876543210;José Müller\n");

        var table = ContactTableReader.Read(bytes, 100, out _);

        Assert.StartsWith("Windows-1252", table!.EncodingName, StringComparison.Ordinal);
        Assert.Equal(';', table.Separator);
        Assert.Equal("José Müller", table.Rows[1].Cell(1));
    }

    [Theory]
    [InlineData(",", ',')]
    [InlineData(";", ';')]
    [InlineData("\t", '\t')]
    [InlineData("|", '|')]
    public void Read_Separator_IsDetected(string separator, char expected)
    {
        var table = ContactTableReader.Read(Contacts.Replace(",", separator, StringComparison.Ordinal), "text", 100, out _);

        Assert.Equal(expected, table!.Separator);
        Assert.Equal(3, table.ColumnCount);
        Assert.Equal("Anita Desai", table.Rows[2].Cell(1));
    }

    [Fact]
    public void Read_EmptyLinesAndQuotedLineBreaks_KeepTheLineNumbersOfTheFile()
    {
        var text = "phone,person_name\n\n9876543210,\"Ravi\nKumar\"\n  \n9876500000,Anita\n";

        var table = ContactTableReader.Read(text, "text", 100, out _);

        Assert.Equal([1, 3, 6], table!.Rows.Select(row => row.Line));
        Assert.Equal("Ravi\nKumar", table.Rows[1].Cell(1));
    }

    [Fact]
    public void Read_CellsWithSpaces_AreTrimmed()
    {
        var table = ContactTableReader.Read("phone , name\n 9876543210 ,  Ravi Kumar  \n", "text", 100, out _);

        Assert.Equal(["9876543210", "Ravi Kumar"], table!.Rows[1].Cells);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n ")]
    public void Read_Nothing_SaysItIsEmpty(string text)
    {
        var table = ContactTableReader.Read(text, "text", 100, out var problem);

        Assert.Null(table);
        Assert.Contains("empty", problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreRowsThanAllowed_SaysHowManyMayBeUploaded()
    {
        var text = "phone\n" + string.Join("\n", Enumerable.Range(0, 11).Select(i => $"98765{i:00000}"));

        var table = ContactTableReader.Read(text, "text", 10, out var problem);

        Assert.Null(table);
        Assert.Contains("more than 10 rows", problem!.Message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Campaigns:MaxUploadRows", problem.Message, StringComparison.Ordinal);
    }
}
