using CsvHelper;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Tests.Services.Calls;

public sealed class CallCsvTests
{
    [Fact]
    public void WriteRow_CellsStartingWithFormulaCharacters_AreNeutralised()
    {
        var call = new CallListItem
        {
            CallId = "c-1",
            AgentName = "=HYPERLINK(\"http://evil.example\",\"x\")",
            PhoneNumber = "+919876543210",
            Status = CallStatus.Picked,
            CallType = CallType.Outbound,
            DurationSeconds = 62,
            EndedBy = "@SUM(A1)",
            EndedReason = "-2+3",
            Tag = new CallTagView("+cmd", "#22c55e"),
            CreatedAt = new DateTimeOffset(2026, 6, 12, 9, 30, 0, TimeSpan.FromHours(5.5)),
        };

        var cells = Row(call, masked: false);

        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", cells[6]);
        Assert.Equal("'+919876543210", cells[8]);
        Assert.Equal("'@SUM(A1)", cells[12]);
        Assert.Equal("'-2+3", cells[13]);
        Assert.Equal("'+cmd", cells[16]);
        Assert.Equal(("2026-06-12T09:30:00+05:30", "62", "1 m 02 s", "Answered"), (cells[1], cells[10], cells[11], cells[4]));
    }

    [Fact]
    public void WriteRow_Masked_KeepsOnlyTheLastFourDigits()
    {
        var cells = Row(new CallListItem { CallId = "c-1", PhoneNumber = "+919876543210", FromNumber = "+911140001234" }, masked: true);

        Assert.Equal("'+••••••••3210", cells[8]);
        Assert.Equal("'+••••••••1234", cells[9]);
    }

    private static string[] Row(CallListItem call, bool masked)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CallExportEndpoint.Csv, leaveOpen: true))
        {
            CallExportEndpoint.WriteRow(csv, call, masked);
            csv.Flush();
        }

        using var reader = CsvReader.Create(new MemoryStream(stream.ToArray()), new CsvReaderOptions { HasHeader = false });
        Assert.True(reader.Read());
        var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray();
        Assert.Equal(CallExportEndpoint.Columns.Length, cells.Length);
        return cells;
    }
}
