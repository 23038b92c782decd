using System.Text;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Campaigns.Uploads;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class UploadCsvTests
{
    [Fact]
    public void WriteDndSkipped_Report_ListsEverySkippedContactWithItsBatchAndUpload()
    {
        var report = Report();

        var csv = Write(stream => UploadCsv.WriteDndSkipped(stream, report, batch: null));

        Assert.Equal(
            "phone,person_name,batch,campaign_upload_id\r\n+919876500000,Anita,1,19\r\n+919876511111,\"'=HYPERLINK(\"\"x\"\")\",1,19\r\n", csv);
    }

    [Fact]
    public void WriteNotSent_FailedAndNotSentBatches_CanBeUploadedAgain()
    {
        var report = Report();

        var csv = Write(stream => UploadCsv.WriteNotSent(stream, report));
        var table = ContactTableReader.Read(csv, "text", 100, out _)!;

        Assert.Equal(["phone", "person_name", "plan", "line", "batch", "state"], table.Rows[0].Cells);
        Assert.Equal(["+919876522222", "Asha", "Pro", "4", "2", "not stored"], table.Rows[1].Cells);
        Assert.Equal(2, table.Rows.Count);
        var check = ContactCheck.Run(table, ContactMapping.Suggest(table, "IN"), "IN", null);
        Assert.Equal(1, check.Sendable);
    }

    [Fact]
    public void WriteDndSkipped_PhoneFromOsviLooksLikeAFormula_IsWrittenAsText()
    {
        var batch = new BatchResult { Number = 1, Batch = new ContactBatch(1, []) }.Stored(new ContactUploadResult
        {
            CampaignUploadId = 19,
            DndSkipped = [new DndSkippedContact { Phone = "=cmd|'/c calc'!A1", PersonName = "Anita" }, new DndSkippedContact { Phone = "+919876500000", PersonName = "Ravi" }],
        });
        var report = new UploadReport { CampaignId = 7, AgentUuid = "agent", Enqueue = true, VariableKeys = [], Batches = [batch], Finished = true };

        var csv = Write(stream => UploadCsv.WriteDndSkipped(stream, report, batch: null));

        Assert.Contains("\r\n'=cmd|'/c calc'!A1,Anita,1,19\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("+919876500000,Ravi,1,19\r\n", csv, StringComparison.Ordinal);
    }

    private static UploadReport Report()
    {
        var rows = new[]
        {
            new ContactCheckRow(2, "9876500000", "+919876500000", "Anita", ["Basic"], ContactOutcome.Ready, null),
            new ContactCheckRow(3, "9876511111", "+919876511111", "=HYPERLINK(\"x\")", ["Pro"], ContactOutcome.Ready, null),
            new ContactCheckRow(4, "9876522222", "+919876522222", "Asha", ["Pro"], ContactOutcome.Ready, null),
        };
        var sent = new BatchResult { Number = 1, Batch = new ContactBatch(1, rows[..2]) }.Stored(new ContactUploadResult
        {
            CampaignUploadId = 19, ContactsReceived = 2, ContactsAccepted = 0,
            DndSkipped = [new DndSkippedContact { Phone = "+919876500000", PersonName = "Anita" }, new DndSkippedContact { Phone = "+919876511111", PersonName = "=HYPERLINK(\"x\")" }],
        });
        var failed = new BatchResult { Number = 2, Batch = new ContactBatch(2, rows[2..]) }.FailedWith(new Osvi.Client.OsviError(Osvi.Client.OsviErrorKind.ServerError, 500, "boom", []));
        return new UploadReport { CampaignId = 7, AgentUuid = "agent", Enqueue = true, VariableKeys = ["plan"], Batches = [sent, failed], Finished = true };
    }

    private static string Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal('\uFEFF', text[0]);
        return text[1..];
    }
}
