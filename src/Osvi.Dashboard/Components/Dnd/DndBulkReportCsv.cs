using System.Globalization;
using CsvHelper;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>A bulk run's report as CSV: one row per line with its outcome and details, in the same words as the page,
/// safe to open in a spreadsheet, numbers masked for users who may not see them in full.</summary>
public static class DndBulkReportCsv
{
    /// <summary>Writes the report to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(DndBulkRun run, IPhoneNumberDisplay phones, Stream output)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(phones);
        var masked = await phones.IsMaskedAsync();
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.None, WriteByteOrderMark = true, NewLine = "\r\n" }, leaveOpen: true);
        await csv.WriteRecordAsync(["run", "operation", "agent_uuid", "line", "input", "e164", "outcome", "details"]);
        foreach (var line in run.Lines)
        {
            await csv.WriteRecordAsync(
            [
                run.Id,
                run.Operation.ToString().ToLowerInvariant(),
                SpreadsheetCells.TextOrNumber(run.AgentUuid),
                line.Number.ToString(CultureInfo.InvariantCulture),
                SpreadsheetCells.TextOrNumber(masked ? PhoneNumberRules.Mask(line.Input) : line.Input),
                SpreadsheetCells.TextOrNumber(masked ? PhoneNumberRules.Mask(line.E164) : line.E164),
                DndOutcomeStyle.Of(line.Outcome).Label,
                SpreadsheetCells.TextOrNumber(line.Message),
            ]);
        }

        await csv.FlushAsync();
    }
}
