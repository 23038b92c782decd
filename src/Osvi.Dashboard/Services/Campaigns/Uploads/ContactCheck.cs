using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Campaigns.Uploads;

/// <summary>What happens to one row of an upload.</summary>
public enum ContactOutcome
{
    /// <summary>Valid and sent.</summary>
    Ready,

    /// <summary>Sent, but on the agent's DND list: OSVI will skip it and list it in <c>dnd_skipped</c>.</summary>
    OnDndList,

    /// <summary>Left out: another row has the same number (the row with the longer name is kept, as OSVI does).</summary>
    Duplicate,

    /// <summary>Bad: the phone number is missing or not valid. Nothing is sent while such rows remain, unless they are
    /// explicitly left out.</summary>
    Invalid,
}

/// <summary>One row of an upload after the check.</summary>
/// <param name="Line">The line of the file or pasted text.</param>
/// <param name="PhoneInput">The phone cell as given.</param>
/// <param name="Phone">The number in E.164 when valid.</param>
/// <param name="Name">The person's name, if any.</param>
/// <param name="Variables">The prompt variables' values, in the order of <see cref="ContactCheck.VariableKeys"/>.</param>
/// <param name="Outcome">What happens to it.</param>
/// <param name="Reason">Why, for anything but <see cref="ContactOutcome.Ready"/>.</param>
/// <param name="DuplicateOfLine">For a duplicate, the line of the row that is kept.</param>
public sealed record ContactCheckRow(int Line, string PhoneInput, string? Phone, string? Name, IReadOnlyList<string> Variables,
    ContactOutcome Outcome, string? Reason, int? DuplicateOfLine = null)
{
    /// <summary>True when the row goes to OSVI.</summary>
    public bool IsSent => Outcome is ContactOutcome.Ready or ContactOutcome.OnDndList;
}

/// <summary>The agent's DND list as far as it was read.</summary>
/// <param name="AgentUuid">The agent.</param>
/// <param name="Phones">The numbers, E.164.</param>
/// <param name="Complete">False when the list was longer than the dashboard reads.</param>
public sealed record DndNumbers(string AgentUuid, IReadOnlySet<string> Phones, bool Complete);

/// <summary>Every row of an upload checked on the server before anything is sent: phone numbers with libphonenumber
/// (<see cref="PhoneNumberRules"/>), duplicates removed keeping the longer name (as OSVI does, so that no duplicate is
/// sent in two different batches either), numbers on the agent's DND list flagged.</summary>
/// <param name="Rows">Every data row in file order.</param>
/// <param name="VariableKeys">The keys of the prompt variables.</param>
/// <param name="Dnd">The DND list the rows were checked against, if an agent was chosen.</param>
public sealed record ContactCheck(IReadOnlyList<ContactCheckRow> Rows, IReadOnlyList<string> VariableKeys, DndNumbers? Dnd)
{
    /// <summary>Rows that go to OSVI.</summary>
    public int Sendable { get; } = Rows.Count(row => row.IsSent);

    /// <summary>Rows sent and not on the DND list.</summary>
    public int Ready { get; } = Rows.Count(row => row.Outcome == ContactOutcome.Ready);

    /// <summary>Bad rows (invalid or missing phone numbers).</summary>
    public int Invalid { get; } = Rows.Count(row => row.Outcome == ContactOutcome.Invalid);

    /// <summary>Rows left out as duplicates.</summary>
    public int Duplicates { get; } = Rows.Count(row => row.Outcome == ContactOutcome.Duplicate);

    /// <summary>Rows on the agent's DND list (sent; OSVI skips them).</summary>
    public int OnDndList { get; } = Rows.Count(row => row.Outcome == ContactOutcome.OnDndList);

    /// <summary>Checks the rows of a table under a mapping.</summary>
    /// <param name="table">The table.</param>
    /// <param name="mapping">What the columns mean.</param>
    /// <param name="region">The region of numbers without a country code (<c>Dashboard:PhoneRegion</c>).</param>
    /// <param name="dnd">The chosen agent's DND list, if known.</param>
    public static ContactCheck Run(ContactTable table, ContactMapping mapping, string region, DndNumbers? dnd)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(mapping);
        var rows = mapping.DataRows(table).ToArray();

        // libphonenumber is the slow part (tens of microseconds a number): spread it over the cores.
        var phones = new PhoneParseResult?[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var input = rows[index].Cell(mapping.PhoneColumn);
            phones[index] = input.Length == 0 ? null : PhoneNumberRules.Parse(input, region);
        });

        // The row kept for each number: the first with the longest name.
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < rows.Length; index++)
        {
            if (phones[index] is { IsValid: true } phone)
            {
                if (!kept.TryGetValue(phone.E164!, out var current) || NameLength(rows[index], mapping) > NameLength(rows[current], mapping))
                {
                    kept[phone.E164!] = index;
                }
            }
        }

        var checkedRows = new ContactCheckRow[rows.Length];
        for (var index = 0; index < rows.Length; index++)
        {
            var row = rows[index];
            var input = row.Cell(mapping.PhoneColumn);
            var name = mapping.NameColumn is { } nameColumn && row.Cell(nameColumn) is { Length: > 0 } text ? text : null;
            string[] variables = [.. mapping.Variables.Select(variable => row.Cell(variable.Column))];
            checkedRows[index] = phones[index] switch
            {
                null => new ContactCheckRow(row.Line, input, null, name, variables, ContactOutcome.Invalid, "No phone number in the phone column."),
                { IsValid: false } invalid => new ContactCheckRow(row.Line, input, null, name, variables, ContactOutcome.Invalid, invalid.Error),
                var valid when kept[valid.E164!] != index => Duplicate(row, valid.E164!, name, variables, rows[kept[valid.E164!]], mapping),
                var valid when dnd?.Phones.Contains(valid.E164!) == true => new ContactCheckRow(row.Line, input, valid.E164, name, variables,
                    ContactOutcome.OnDndList, "On the agent's DND list: OSVI will skip it and report it."),
                var valid => new ContactCheckRow(row.Line, input, valid.E164, name, variables, ContactOutcome.Ready, null),
            };
        }

        return new ContactCheck(checkedRows, [.. mapping.Variables.Select(variable => variable.Key)], dnd);
    }

    /// <summary>The sent rows cut into batches of at most <paramref name="batchSize"/>, in file order. Refuses while
    /// bad rows remain, unless <paramref name="leaveOutInvalid"/> says to leave them out.</summary>
    public IReadOnlyList<ContactBatch> Batches(int batchSize, bool leaveOutInvalid)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, CampaignOptions.OsviMaxContactsPerRequest);
        if (Invalid > 0 && !leaveOutInvalid)
        {
            throw new InvalidOperationException($"{Invalid} rows have no valid phone number: fix them or leave them out before sending.");
        }

        return [.. Rows.Where(row => row.IsSent).Chunk(batchSize).Select((rows, index) => new ContactBatch(index + 1, rows))];
    }

    private static int NameLength(ContactTableRow row, ContactMapping mapping) =>
        mapping.NameColumn is { } column ? row.Cell(column).Length : 0;

    private static ContactCheckRow Duplicate(ContactTableRow row, string phone, string? name, IReadOnlyList<string> variables, ContactTableRow keptRow, ContactMapping mapping)
    {
        var why = NameLength(keptRow, mapping) > NameLength(row, mapping) ? "it has the longer name" : "it comes first";
        return new ContactCheckRow(row.Line, row.Cell(mapping.PhoneColumn), phone, name, variables, ContactOutcome.Duplicate,
            $"Same number as line {keptRow.Line}, which is kept ({why}).", keptRow.Line);
    }
}

/// <summary>Contacts sent in one request.</summary>
/// <param name="Number">1-based.</param>
/// <param name="Rows">The rows, in file order.</param>
public sealed record ContactBatch(int Number, IReadOnlyList<ContactCheckRow> Rows)
{
    /// <summary>The first row's line.</summary>
    public int FirstLine => Rows[0].Line;

    /// <summary>The last row's line.</summary>
    public int LastLine => Rows[^1].Line;
}
