using System.Text;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Campaigns.Uploads;

/// <summary>A column kept as a prompt variable of every contact (OSVI keeps a contact's extra keys for the agent).</summary>
/// <param name="Column">0-based column.</param>
/// <param name="Key">The key sent to OSVI, e.g. <c>plan</c> (the agent's prompt uses <c>{{plan}}</c>).</param>
public sealed record ContactVariable(int Column, string Key);

/// <summary>What each column of a contact table means: whether the first row is a header, which column holds the phone
/// number, which the person's name; every other column is kept as a prompt variable.</summary>
/// <param name="HasHeader">True when the first row names the columns.</param>
/// <param name="PhoneColumn">0-based column of the phone number.</param>
/// <param name="NameColumn">0-based column of the person's name, if any.</param>
/// <param name="Variables">The other columns, with the keys they are sent under.</param>
public sealed record ContactMapping(bool HasHeader, int PhoneColumn, int? NameColumn, IReadOnlyList<ContactVariable> Variables)
{
    private const int SampleRows = 50;

    private static readonly string[] s_phoneWords = ["phone", "mobile", "msisdn", "number", "contact", "cell", "whatsapp", "tel"];

    /// <summary>The column titles: the header's cells, or "Column N".</summary>
    public static IReadOnlyList<string> ColumnTitles(ContactTable table, bool hasHeader)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. Enumerable.Range(0, table.ColumnCount).Select(column =>
            hasHeader && table.Rows[0].Cell(column) is { Length: > 0 } title ? title : $"Column {column + 1}")];
    }

    /// <summary>The data rows (without the header).</summary>
    public IEnumerable<ContactTableRow> DataRows(ContactTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return HasHeader ? table.Rows.Skip(1) : table.Rows;
    }

    /// <summary>Guesses the mapping: a header when the first row has no phone number but later rows do; the phone
    /// column by its title, else by the most valid numbers; the name column by its title.</summary>
    public static ContactMapping Suggest(ContactTable table, string region)
    {
        ArgumentNullException.ThrowIfNull(table);
        var first = table.Rows[0];
        var firstPhones = Enumerable.Range(0, table.ColumnCount).Select(column => LooksLikePhone(first.Cell(column), region)).ToArray();
        var validPerColumn = new int[table.ColumnCount];
        foreach (var row in table.Rows.Skip(1).Take(SampleRows))
        {
            for (var column = 0; column < table.ColumnCount; column++)
            {
                if (LooksLikePhone(row.Cell(column), region))
                {
                    validPerColumn[column]++;
                }
            }
        }

        var hasHeader = !firstPhones.Any(valid => valid) && (validPerColumn.Any(count => count > 0) || first.Cells.Any(cell => cell.Any(char.IsLetter)));
        if (!hasHeader)
        {
            for (var column = 0; column < table.ColumnCount; column++)
            {
                validPerColumn[column] += firstPhones[column] ? 1 : 0;
            }
        }

        var titles = ColumnTitles(table, hasHeader);
        var phone = (hasHeader ? BestTitle(titles, s_phoneWords, exclude: null) : null)
            ?? (validPerColumn.Any(count => count > 0) ? Array.IndexOf(validPerColumn, validPerColumn.Max()) : 0);
        var name = hasHeader ? BestName(titles, phone) : GuessNameColumn(table, phone);
        return Create(table, hasHeader, phone, name);
    }

    /// <summary>The mapping with the given choices; every other column becomes a variable keyed by its title.</summary>
    public static ContactMapping Create(ContactTable table, bool hasHeader, int phoneColumn, int? nameColumn)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(phoneColumn);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(phoneColumn, Math.Max(1, table.ColumnCount));
        if (nameColumn == phoneColumn)
        {
            nameColumn = null;
        }

        var titles = ColumnTitles(table, hasHeader);
        // phone and person_name are the contact's own fields: a variable may not take their names.
        var used = new HashSet<string>(StringComparer.Ordinal) { "phone", "person_name" };
        var variables = new List<ContactVariable>();
        for (var column = 0; column < table.ColumnCount; column++)
        {
            if (column == phoneColumn || column == nameColumn)
            {
                continue;
            }

            var key = Slug(hasHeader ? titles[column] : "", column);
            var unique = key;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{key}_{n}";
            }

            variables.Add(new ContactVariable(column, unique));
        }

        return new ContactMapping(hasHeader, phoneColumn, nameColumn, variables);
    }

    /// <summary>A variable key from a title: lower case ASCII letters, digits and underscores (<c>Plan Name</c> →
    /// <c>plan_name</c>); <c>column_N</c> when nothing is left.</summary>
    public static string Slug(string title, int column)
    {
        ArgumentNullException.ThrowIfNull(title);
        var builder = new StringBuilder(title.Length);
        foreach (var character in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                builder.Append(char.ToLowerInvariant(character));
            }
            else if (builder.Length > 0 && builder[^1] != '_' && !IsCombiningMark(character))
            {
                builder.Append('_');
            }
        }

        var key = builder.ToString().Trim('_');
        return key.Length == 0 ? $"column_{column + 1}" : char.IsAsciiDigit(key[0]) ? $"c_{key}" : key;
    }

    private static bool IsCombiningMark(char character) =>
        System.Globalization.CharUnicodeInfo.GetUnicodeCategory(character) == System.Globalization.UnicodeCategory.NonSpacingMark;

    private static bool LooksLikePhone(string cell, string region) =>
        cell.Length is >= 6 and <= 40 && cell.Count(char.IsAsciiDigit) >= 6 && PhoneNumberRules.Parse(cell, region).IsValid;

    private static int? BestTitle(IReadOnlyList<string> titles, string[] words, int? exclude)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var word in words)
            {
                for (var column = 0; column < titles.Count; column++)
                {
                    var title = titles[column].Trim().ToLowerInvariant();
                    var match = pass == 0 ? title == word : title.Contains(word, StringComparison.Ordinal);
                    if (match && column != exclude)
                    {
                        return column;
                    }
                }
            }
        }

        return null;
    }

    private static int? BestName(IReadOnlyList<string> titles, int phoneColumn) =>
        BestTitle(titles, ["person_name", "name", "person name", "full name", "full_name", "customer name", "customer"], phoneColumn)
        ?? BestTitle(titles, ["name"], phoneColumn);

    // Without a header: the first column whose sampled cells are mostly words (letters and spaces), not the phone's.
    private static int? GuessNameColumn(ContactTable table, int phoneColumn)
    {
        var sample = table.Rows.Take(SampleRows).ToList();
        for (var column = 0; column < table.ColumnCount; column++)
        {
            if (column == phoneColumn)
            {
                continue;
            }

            var words = sample.Count(row => row.Cell(column) is { Length: > 0 } cell && cell.Any(char.IsLetter) && !cell.Any(char.IsAsciiDigit));
            if (words * 2 > sample.Count)
            {
                return column;
            }
        }

        return null;
    }
}
