using System.Text;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Dnd;
using DndPage = Osvi.Dashboard.Components.Pages.Dnd;

namespace Osvi.Dashboard.Tests.Dnd;

public sealed class DndBulkInputTests
{
    [Fact]
    public void Parse_MixedLines_EveryNonEmptyLineGetsExactlyOneOutcomeInOrder()
    {
        var parse = DndBulkInput.Parse("""
            98765 40001, wrong number

            +91 98765-40002; asked by email, twice
            not a number
            098765 40001
            98765	40003	tab separated
            12345
            """, "IN");

        Assert.Null(parse.Error);
        Assert.Equal([1, 3, 4, 5, 6, 7], parse.Lines.Select(line => line.Number));
        Assert.Equal(
            [DndLineOutcome.Pending, DndLineOutcome.Pending, DndLineOutcome.Invalid, DndLineOutcome.Repeated, DndLineOutcome.Invalid, DndLineOutcome.Invalid],
            parse.Lines.Select(line => line.Outcome));
        Assert.Equal(("+919876540001", "wrong number"), (parse.Lines[0].E164, parse.Lines[0].Reason));
        Assert.Equal(("+919876540002", "asked by email, twice"), (parse.Lines[1].E164, parse.Lines[1].Reason));
        Assert.Equal("Not a phone number: it has no digits.", parse.Lines[2].Message);
        Assert.Equal("Same number as line 1; sent once.", parse.Lines[3].Message);
        Assert.Equal((2, 3, 1), (parse.SendableCount, parse.InvalidCount, parse.RepeatedCount));
    }

    [Fact]
    public void Parse_TabSeparatedNumberWithSpaces_SplitsAtTheTab()
    {
        var parse = DndBulkInput.Parse("98765 40003\ttab separated", "IN");

        Assert.Equal(("+919876540003", "tab separated"), (parse.Lines[0].E164, parse.Lines[0].Reason));
    }

    [Fact]
    public void Parse_HeaderNamingTheColumns_UsesThemAndIsNotALine()
    {
        var parse = DndBulkInput.Parse("name,mobile,note\nAsha,9876540001,\"opted out\"\nRavi,+44 20 7946 0958,moved abroad", "IN");

        Assert.Equal([2, 3], parse.Lines.Select(line => line.Number));
        Assert.Equal(("+919876540001", "opted out"), (parse.Lines[0].E164, parse.Lines[0].Reason));
        Assert.Equal(("+442079460958", "moved abroad"), (parse.Lines[1].E164, parse.Lines[1].Reason));
    }

    [Fact]
    public void Parse_FirstLineWithoutDigitsThatIsNoHeader_IsReportedNotSkipped()
    {
        var parse = DndBulkInput.Parse("hello\n9876540001", "IN");

        Assert.Equal(2, parse.Lines.Count);
        Assert.Equal(DndLineOutcome.Invalid, parse.Lines[0].Outcome);
    }

    [Fact]
    public void Parse_AnotherRegion_ReadsNationalNumbersThere()
    {
        var parse = DndBulkInput.Parse("020 7946 0958", "GB");

        Assert.Equal("+442079460958", Assert.Single(parse.Lines).E164);
    }

    [Fact]
    public void Parse_MoreThanTheLimit_RefusesTheWholeInput()
    {
        var text = string.Join('\n', Enumerable.Range(0, DndBulkInput.MaxLines + 1).Select(i => $"9{i:D9}"));

        var parse = DndBulkInput.Parse(text, "IN");

        Assert.Empty(parse.Lines);
        Assert.Contains("More than 10,000 numbers", parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseFileAsync_CsvWithQuotedFieldsAndHeader_UsesTheColumnsAndFileLineNumbers()
    {
        var csv = "Name,Phone,Reason\r\n\"Verma, Asha\",98765 40001,\"said \"\"never\"\", twice\"\r\n\r\nRavi,bad,\r\n";
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var parse = await DndBulkInput.ParseFileAsync(file, "IN", TestContext.Current.CancellationToken);

        Assert.Null(parse.Error);
        Assert.Equal([2, 4], parse.Lines.Select(line => line.Number));
        Assert.Equal(("+919876540001", "said \"never\", twice"), (parse.Lines[0].E164, parse.Lines[0].Reason));
        Assert.Equal(DndLineOutcome.Invalid, parse.Lines[1].Outcome);
    }

    [Fact]
    public async Task ParseFileAsync_TooLarge_IsRefused()
    {
        await using var file = new MemoryStream(new byte[DndBulkInput.MaxFileBytes + 1]);

        var parse = await DndBulkInput.ParseFileAsync(file, "IN", TestContext.Current.CancellationToken);

        Assert.Empty(parse.Lines);
        Assert.Contains("larger than 2 MB", parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRun_FromOneParse_GivesIndependentRuns()
    {
        var parse = DndBulkInput.Parse("9876540001\nx", "IN");

        var first = DndBulkInput.CreateRun(parse, " agent_a ", DndBulkOperation.Add, "  ");
        var second = DndBulkInput.CreateRun(parse, "agent_a", DndBulkOperation.Remove, null);

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotSame(first.Lines[0], second.Lines[0]);
        Assert.Equal(("agent_a", (string?)null), (first.AgentUuid, first.CommonReason));
        Assert.Equal(1, first.SendableCount);
        Assert.Equal(2, first.Summary().Total);
        Assert.False(first.Finished);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("+919876543210", "+919876543210")]
    [InlineData("-5", "-5")]
    [InlineData("opted out", "opted out")]
    [InlineData(null, "")]
    public void Cell_SpreadsheetFormulas_AreNeutralisedButPhoneNumbersKept(string? text, string expected) =>
        Assert.Equal(expected, SpreadsheetCells.TextOrNumber(text));

    [Theory]
    [InlineData("98765", "98765")]
    [InlineData(" 098765 43210 ", "+919876543210")]
    [InlineData("+91 98765", "+9198765")]
    [InlineData("(987) 65-", "98765")]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void SearchTerm_AnyFormat_IsWhatOsvisPartialSearchFinds(string search, string? expected) =>
        Assert.Equal(expected, DndService.SearchTerm(search, "IN"));

    [Theory]
    [InlineData(" 919876543210", "+919876543210")]
    [InlineData("+919876543210", "+919876543210")]
    [InlineData("9876543210", "9876543210")]
    [InlineData(" ", null)]
    public void QueryPhone_PlusLostInAnUnencodedLink_IsPutBack(string value, string? expected) =>
        Assert.Equal(expected, DndPage.QueryPhone(value));
}
