using CsvHelper;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Dnd;

/// <summary>The lines of a bulk run read from pasted text or an uploaded CSV file, or why they could not be read.</summary>
/// <param name="Lines">Every non-empty line, each valid, invalid (with the reason) or a repeat of an earlier line.</param>
/// <param name="Error">Why the input as a whole was refused (too large, unreadable), or null.</param>
public sealed record DndBulkParse(IReadOnlyList<DndBulkLine> Lines, string? Error)
{
    /// <summary>Lines with a valid number seen for the first time: what a run will send.</summary>
    public int SendableCount => Lines.Count(line => line.Outcome == DndLineOutcome.Pending);

    /// <summary>Lines that are not usable numbers.</summary>
    public int InvalidCount => Lines.Count(line => line.Outcome == DndLineOutcome.Invalid);

    /// <summary>Lines that repeat an earlier line's number.</summary>
    public int RepeatedCount => Lines.Count(line => line.Outcome == DndLineOutcome.Repeated);
}

/// <summary>Reads the numbers of a bulk add or remove: one number a line, optionally followed by a reason after a comma,
/// semicolon, tab or bar (a spreadsheet's two columns pasted or saved as CSV). A first line that names the columns
/// (<c>phone</c>, <c>phone_number</c>, <c>number</c>, <c>mobile</c>; <c>reason</c>, <c>note</c>) is a header and picks
/// them. Numbers without a country code are read in the given region. Empty lines are skipped; every other line becomes
/// exactly one <see cref="DndBulkLine"/>.</summary>
public static class DndBulkInput
{
    /// <summary>Most lines one run takes.</summary>
    public const int MaxLines = 10_000;

    /// <summary>Largest file accepted.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    private static readonly string[] s_phoneHeaders = ["phone", "phone_number", "phonenumber", "phone number", "number", "mobile", "msisdn", "contact", "telephone"];
    private static readonly string[] s_reasonHeaders = ["reason", "note", "notes", "comment", "remarks"];

    /// <summary>Reads pasted text: each line on its own, split at its first comma, semicolon, tab or bar, so lines
    /// pasted from different places may use different separators.</summary>
    public static DndBulkParse Parse(string? text, string region)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DndBulkParse([], null);
        }

        // Without a header a line is a number and, after the separator, a reason (which may hold separators itself);
        // after a header every line is split into the header's columns.
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var firstLine = lines.FirstOrDefault(line => !string.IsNullOrWhiteSpace(line)) ?? "";
        var hasHeader = TryReadHeader(SplitLine(firstLine, all: true), out _, out _);
        return Read(lines.Select((line, index) => (index + 1, SplitLine(line, hasHeader))), region);
    }

    /// <summary>Reads an uploaded CSV or text file (at most <paramref name="maxBytes"/>, <see cref="MaxFileBytes"/> by
    /// default). A file that is not UTF-8 text (binary, UTF-16, a legacy code page) is refused as a whole with what to do,
    /// rather than read into numbers and reasons that look garbled.</summary>
    public static async Task<DndBulkParse> ParseFileAsync(Stream file, string region, CancellationToken ct, long maxBytes = MaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length > maxBytes)
        {
            return new DndBulkParse([], $"The file is larger than {InputLimits.Size(maxBytes)}; split it into smaller files.");
        }

        if (TextFiles.Problem(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } problem)
        {
            return new DndBulkParse([], problem);
        }

        try
        {
            using var reader = CsvReader.Create(buffer.ToArray(), Options());
            return Read(Rows(reader), region);
        }
        catch (CsvFormatException exception)
        {
            return new DndBulkParse([], $"The file could not be read as CSV: {exception.Message}");
        }
    }

    /// <summary>A run over the lines of a parse.</summary>
    public static DndBulkRun CreateRun(DndBulkParse parse, string agentUuid, DndBulkOperation operation, string? commonReason)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentUuid);
        if (parse.Error is not null)
        {
            throw new ArgumentException("A refused input has no lines to run.", nameof(parse));
        }

        // Fresh line objects: a parse can be previewed, run and then run again (a new run) without sharing outcomes.
        IReadOnlyList<DndBulkLine> lines = [.. parse.Lines.Select(line => new DndBulkLine(line.Number, line.Input, line.E164, line.Reason, line.Outcome, line.Message))];
        return new DndBulkRun(agentUuid.Trim(), operation, lines, commonReason);
    }

    private static CsvReaderOptions Options() => new()
    {
        HasHeader = false,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        TrimWhitespace = true,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MalformedData = CsvMalformedDataHandling.Recover,
        MaxRecordSize = 64 * 1024,
    };

    private static IEnumerable<(int Line, string[] Fields)> Rows(CsvReader reader)
    {
        while (reader.Read())
        {
            yield return ((int)reader.LineNumber, reader.Current.ToArray());
        }
    }

    private static string[] SplitLine(string line, bool all)
    {
        var at = line.AsSpan().IndexOfAny(",;\t|");
        if (at < 0)
        {
            return [Unquote(line)];
        }

        return all ? [.. line.Split(line[at]).Select(Unquote)] : [Unquote(line[..at]), Unquote(line[(at + 1)..])];

        static string Unquote(string field)
        {
            var trimmed = field.Trim();
            return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal).Trim() : trimmed;
        }
    }

    private static DndBulkParse Read(IEnumerable<(int Line, string[] Fields)> rows, string region)
    {
        var lines = new List<DndBulkLine>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int phoneColumn = 0, reasonColumn = 1;
        var first = true;
        foreach (var (number, fields) in rows)
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (first)
            {
                first = false;
                if (TryReadHeader(fields, out var phoneAt, out var reasonAt))
                {
                    (phoneColumn, reasonColumn) = (phoneAt, reasonAt);
                    continue;
                }
            }

            if (lines.Count == MaxLines)
            {
                return new DndBulkParse([], $"More than {MaxLines:N0} numbers; split them into several runs.");
            }

            var input = Field(fields, phoneColumn) ?? "";
            var reason = Field(fields, reasonColumn);
            var parsed = PhoneNumberRules.Parse(input, region);
            if (!parsed.IsValid)
            {
                lines.Add(new DndBulkLine(number, input, null, reason, DndLineOutcome.Invalid, parsed.Error));
            }
            else if (firstLineOf.TryGetValue(parsed.E164!, out var earlier))
            {
                lines.Add(new DndBulkLine(number, input, parsed.E164, reason, DndLineOutcome.Repeated, $"Same number as line {earlier}; sent once."));
            }
            else
            {
                firstLineOf[parsed.E164!] = number;
                lines.Add(new DndBulkLine(number, input, parsed.E164, reason, DndLineOutcome.Pending, null));
            }
        }

        return new DndBulkParse(lines, null);
    }

    // Only a line that names a phone column is a header: anything else is a line to report, never skipped unseen.
    private static bool TryReadHeader(string[] fields, out int phone, out int reason)
    {
        var names = fields.Select(name => name.Trim().ToLowerInvariant()).ToArray();
        phone = Array.FindIndex(names, name => s_phoneHeaders.Contains(name));
        reason = Array.FindIndex(names, name => s_reasonHeaders.Contains(name));
        return phone >= 0;
    }

    private static string? Field(string[] fields, int index) =>
        index >= 0 && index < fields.Length && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index].Trim() : null;
}
