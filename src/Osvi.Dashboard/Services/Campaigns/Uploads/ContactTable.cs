using System.Text;
using CsvHelper;

namespace Osvi.Dashboard.Services.Campaigns.Uploads;

/// <summary>One record of a contact file: its cells as given and the line of the input it starts on.</summary>
/// <param name="Line">1-based line of the file or pasted text (counting the header and empty lines, as an editor does).</param>
/// <param name="Cells">The cells, trimmed.</param>
public sealed record ContactTableRow(int Line, IReadOnlyList<string> Cells)
{
    /// <summary>A cell, or empty when the row is shorter.</summary>
    public string Cell(int column) => column >= 0 && column < Cells.Count ? Cells[column] : "";
}

/// <summary>Contacts as read from a CSV file or pasted text, before any column is given a meaning.</summary>
/// <param name="Rows">Every non-empty record, the first one included (it may be a header).</param>
/// <param name="ColumnCount">The widest record's cell count.</param>
/// <param name="Separator">The separator found (<c>,</c> <c>;</c> tab or <c>|</c>).</param>
/// <param name="EncodingName">How the bytes were read, e.g. <c>UTF-8 (with BOM)</c>.</param>
public sealed record ContactTable(IReadOnlyList<ContactTableRow> Rows, int ColumnCount, char Separator, string EncodingName)
{
    /// <summary>The separator as people name it.</summary>
    public string SeparatorName => Separator switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe",
        _ => $"'{Separator}'",
    };
}

/// <summary>Why a contact file could not be read at all.</summary>
/// <param name="Message">What is wrong and what to do, for the user.</param>
public sealed record ContactFileProblem(string Message);

/// <summary>Reads contact files: the bytes' encoding (a byte order mark, else UTF-8, else Windows-1252 as Excel saves
/// "CSV" on Windows), the separator (detected by CsvHelper) and the records with their line numbers.</summary>
public static class ContactTableReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ContactTableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes the bytes of a file, honouring a byte order mark (UTF-8, UTF-16 LE/BE); without one, strict
    /// UTF-8, else Windows-1252.</summary>
    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (s_strictUtf8.GetString(bytes[3..]), "UTF-8 (with BOM)");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "UTF-16 LE");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16 BE");
        }

        try
        {
            return (s_strictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252 (the file is not UTF-8)");
        }
    }

    /// <summary>Reads the records of a file's bytes.</summary>
    public static ContactTable? Read(ReadOnlySpan<byte> bytes, int maxRows, out ContactFileProblem? problem)
    {
        var (text, encoding) = Decode(bytes);
        return Read(text, encoding, maxRows, out problem);
    }

    /// <summary>Reads the records of text (a decoded file or pasted contacts).</summary>
    public static ContactTable? Read(string text, string encodingName, int maxRows, out ContactFileProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problem = new ContactFileProblem("There are no contacts in it: it is empty.");
            return null;
        }

        // Every line break ends a record unless a quote opened a field: a stray quote then swallows at most its line.
        var options = CsvReaderOptions.Default with { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, TrimInsideQuotes = true };
        var rows = new List<ContactTableRow>();
        var columns = 0;
        char separator;
        using (var reader = CsvReader.FromText(text, options))
        {
            while (reader.Read())
            {
                var cells = reader.Current.ToArray();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count == maxRows + 1)
                {
                    problem = new ContactFileProblem($"It has more than {maxRows:N0} rows, the most one upload may hold ({CampaignConfigNames.MaxUploadRows}). Split it into smaller files.");
                    return null;
                }

                rows.Add(new ContactTableRow(checked((int)reader.LineNumber), [.. cells.Select(cell => cell.Trim())]));
                columns = Math.Max(columns, cells.Length);
            }

            separator = reader.Separator;
        }

        if (rows.Count == 0)
        {
            problem = new ContactFileProblem("There are no contacts in it: every line is empty.");
            return null;
        }

        return new ContactTable(rows, columns, separator, encodingName);
    }
}
