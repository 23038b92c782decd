using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Campaigns.Uploads;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class ContactCheckTests
{
    private const string Text = """
        phone,person_name,plan
        9876543210,Ravi,Pro
        12345,Too Short,Basic
        +91 98765 00000,Anita Desai,Basic
        98765 43210,Ravi Kumar,Gold
        ,No Phone,Pro
        9876511111,Asha,Pro
        not a number,Nobody,Pro
        """;

    [Fact]
    public void Run_MixedRows_GivesEveryRowAnOutcomeWithItsLineAndReason()
    {
        var check = Check(Text, dnd: ["+919876511111"]);

        Assert.Equal(
        [
            (2, ContactOutcome.Duplicate), (3, ContactOutcome.Invalid), (4, ContactOutcome.Ready), (5, ContactOutcome.Ready),
            (6, ContactOutcome.Invalid), (7, ContactOutcome.OnDndList), (8, ContactOutcome.Invalid),
        ], check.Rows.Select(row => (row.Line, row.Outcome)));
        Assert.Equal("Too short for a number of that country.", check.Rows[1].Reason);
        Assert.Equal("No phone number in the phone column.", check.Rows[4].Reason);
        Assert.Equal("Not a phone number: it has no digits.", check.Rows[6].Reason);
        Assert.Equal((3, 1, 1, 3), (check.Sendable, check.Duplicates, check.OnDndList, check.Invalid));
    }

    [Fact]
    public void Run_SameNumberTwice_KeepsTheLongerNameAsOsviDoes()
    {
        var check = Check(Text);

        var duplicate = check.Rows.Single(row => row.Line == 2);
        var kept = check.Rows.Single(row => row.Line == 5);
        Assert.Equal(ContactOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal(5, duplicate.DuplicateOfLine);
        Assert.Equal("Same number as line 5, which is kept (it has the longer name).", duplicate.Reason);
        Assert.Equal(("+919876543210", "Ravi Kumar", ContactOutcome.Ready), (kept.Phone, kept.Name, kept.Outcome));
    }

    [Fact]
    public void Run_SameNameLength_KeepsTheFirst()
    {
        var check = Check("phone,name\n9876543210,Asha\n+919876543210,Ravi");

        Assert.Equal([ContactOutcome.Ready, ContactOutcome.Duplicate], check.Rows.Select(row => row.Outcome));
        Assert.Equal("Same number as line 2, which is kept (it comes first).", check.Rows[1].Reason);
    }

    [Fact]
    public void Run_Variables_AreKeptInColumnOrder()
    {
        var check = Check("phone,person_name,plan,city\n9876543210,Ravi,Pro,Pune");

        Assert.Equal(["plan", "city"], check.VariableKeys);
        Assert.Equal(["Pro", "Pune"], check.Rows[0].Variables);
    }

    [Fact]
    public void Batches_BadRowsRemain_RefusesUntilTheyAreLeftOut()
    {
        var check = Check(Text);

        var refused = Assert.Throws<InvalidOperationException>(() => check.Batches(10_000, leaveOutInvalid: false));
        var batches = check.Batches(10_000, leaveOutInvalid: true);

        Assert.Contains("3 rows have no valid phone number", refused.Message, StringComparison.Ordinal);
        var batch = Assert.Single(batches);
        Assert.Equal([4, 5, 7], batch.Rows.Select(row => row.Line));
    }

    [Fact]
    public void Batches_25000Contacts_AreThreeBatchesOfAtMost10000InFileOrder()
    {
        var text = "phone\n" + string.Join("\n", Enumerable.Range(0, 25_000).Select(i => $"98{i:00000000}"));
        var check = Check(text);

        var batches = check.Batches(10_000, leaveOutInvalid: false);

        Assert.Equal([10_000, 10_000, 5_000], batches.Select(batch => batch.Rows.Count));
        Assert.Equal([(1, 2, 10_001), (2, 10_002, 20_001), (3, 20_002, 25_001)], batches.Select(batch => (batch.Number, batch.FirstLine, batch.LastLine)));
        Assert.Throws<ArgumentOutOfRangeException>(() => check.Batches(CampaignOptions.OsviMaxContactsPerRequest + 1, false));
    }

    private static ContactCheck Check(string text, IReadOnlyCollection<string>? dnd = null)
    {
        var table = ContactTableReader.Read(text, "text", 100_000, out _)!;
        var mapping = ContactMapping.Suggest(table, "IN");
        return ContactCheck.Run(table, mapping, "IN", dnd is null ? null : new DndNumbers("agent", dnd.ToHashSet(), true));
    }
}
