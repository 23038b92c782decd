using System.Text;
using Osvi.Client;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Tests.BadInput;

/// <summary>Every entry of the bad-input corpus through the real path it targets (shared phone rules, the DND service's
/// bulk upload and add, the chat service) on the real host against the in-memory simulator: each gets a clear error or
/// is sent exactly as meant, and a refused input sends nothing upstream and writes no audit row.</summary>
public sealed class BadInputCorpusTests(BadInputCorpusTests.Host host) : IClassFixture<BadInputCorpusTests.Host>
{
    private const string ChatAgent = "agent_chat_placeholder";

    public sealed class Host : IAsyncLifetime
    {
        public BadInputHost Value { get; private set; } = null!;

        public string DndAgent { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            Value = new BadInputHost();
            DndAgent = await Value.Admin.AgentIdAsync("Support Line");
        }

        public async ValueTask DisposeAsync() => await Value.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BadInputHost Osvi => host.Value;

    public static TheoryData<string> PhoneIds => BadInputCorpus.Ids(BadInputCorpus.Phones);

    public static TheoryData<string> TextIds => BadInputCorpus.Ids(BadInputCorpus.Texts);

    public static TheoryData<string> CsvIds => BadInputCorpus.Ids(BadInputCorpus.CsvFiles);

    [Fact]
    public void Corpus_HasAtLeastOneHundredEntries_WithUniqueIds()
    {
        string[] ids =
        [
            .. BadInputCorpus.Phones.Select(c => c.Id), .. BadInputCorpus.Texts.Select(c => c.Id), .. BadInputCorpus.CsvFiles.Select(c => c.Id),
            .. BadInputCorpus.Markup.Select(c => c.Id), .. BadInputCorpus.Formulas.Select(c => c.Id),
        ];

        Assert.True(ids.Length >= 100, $"{ids.Length} entries");
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(PhoneIds))]
    public void Phone_SharedRules_RefuseWithAReasonOrNormaliseExactly(string id)
    {
        var phone = BadInputCorpus.Phones.Single(c => c.Id == id);

        var parsed = PhoneNumberRules.Parse(phone.Input, "IN");

        if (phone.E164 is null)
        {
            Assert.False(parsed.IsValid, $"{id} was read as {parsed.E164}");
            Assert.False(string.IsNullOrWhiteSpace(parsed.Error));
            Assert.DoesNotContain("Exception", parsed.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(phone.E164, parsed.E164);
        }
    }

    [Theory]
    [MemberData(nameof(PhoneIds))]
    public async Task Phone_UploadedToADndBulkRun_InvalidIsNeverSent_ValidIsSentOnceAsE164(string id)
    {
        var phone = BadInputCorpus.Phones.Single(c => c.Id == id);
        var csv = "phone\n\"" + phone.Input.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n";
        var before = Osvi.Writes;

        var parse = await DndBulkInput.ParseFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "IN", Ct);
        if (parse.Error is null && parse.SendableCount > 0)
        {
            await Osvi.Dnd.RunBulkAsync(DndBulkInput.CreateRun(parse, host.DndAgent, DndBulkOperation.Add, null), Ct);
        }

        if (phone.E164 is null)
        {
            Assert.True(parse.Error is not null || parse.Lines.All(line => line.Outcome == DndLineOutcome.Invalid && !string.IsNullOrWhiteSpace(line.Message)),
                $"{id}: {string.Join(", ", parse.Lines.Select(l => $"{l.Outcome} {l.E164}"))}");
            Assert.Equal(0, Osvi.Writes - before);
        }
        else
        {
            Assert.Equal(phone.E164, Assert.Single(parse.Lines).E164);
            Assert.Equal(1, Osvi.Writes - before);
            Assert.Equal("/v1/dnd_numbers", Osvi.Factory.UpstreamRequests.Requests.Last(r => r.Method == "POST").PathAndQuery);
        }
    }

    [Theory]
    [MemberData(nameof(TextIds))]
    public async Task Text_ThroughItsService_OversizedIsRefusedOnItsFieldAndNothingSent(string id)
    {
        var text = BadInputCorpus.Texts.Single(c => c.Id == id);
        var (writes, audits) = (Osvi.Writes, await Osvi.AuditRowsAsync());

        var (error, field) = await SendAsync(text);

        if (text.Expect == "refused")
        {
            Assert.NotNull(error);
            Assert.Equal((OsviErrorKind.Validation, (int?)null), (error.Kind, error.StatusCode));
            Assert.Contains("the most is", error.Message, StringComparison.Ordinal);
            Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
            Assert.NotNull(error.ErrorFor(field));
            Assert.Equal("The input is not accepted", OsviErrorText.Describe(error).Title);
            Assert.Equal(0, Osvi.Writes - writes);
            Assert.Equal(audits, await Osvi.AuditRowsAsync());
        }
        else
        {
            Assert.True(error is null || error.StatusCode is not null, $"{id} was refused by the dashboard: {error?.Message}");
            Assert.Equal(1, Osvi.Writes - writes);
        }
    }

    [Theory]
    [MemberData(nameof(CsvIds))]
    public async Task CsvFile_ThroughTheDndUpload_IsRefusedWholeOrSendsExactlyItsValidLines(string id)
    {
        var file = BadInputCorpus.CsvFiles.Single(c => c.Id == id);
        var expect = file.Expect;
        var before = Osvi.Writes;

        var parse = await DndBulkInput.ParseFileAsync(new MemoryStream(file.Bytes()), "IN", Ct);

        if (expect.Refused is { } refused)
        {
            Assert.NotNull(parse.Error);
            Assert.Contains(refused, parse.Error, StringComparison.Ordinal);
            Assert.Empty(parse.Lines);
            Assert.Equal(0, Osvi.Writes - before);
            return;
        }

        Assert.Null(parse.Error);
        if (expect.ParsedOnly is { } parsed)
        {
            Assert.Equal(parsed, parse.Lines.Count);
            return;
        }

        if (expect.Invalid is { } invalid)
        {
            Assert.Equal(invalid, parse.InvalidCount);
        }

        if (expect.Repeated is { } repeated)
        {
            Assert.Equal(repeated, parse.RepeatedCount);
        }

        DndBulkRun? run = null;
        if (parse.SendableCount > 0)
        {
            run = DndBulkInput.CreateRun(parse, host.DndAgent, DndBulkOperation.Add, null);
            await Osvi.Dnd.RunBulkAsync(run, Ct);
        }

        var failed = run?.Lines.Count(line => line.Outcome == DndLineOutcome.Failed) ?? 0;
        Assert.Equal(expect.Failed ?? 0, failed);
        Assert.All(run?.Lines.Where(line => line.Outcome == DndLineOutcome.Failed) ?? [], line => Assert.Contains("nothing was sent", line.Message, StringComparison.Ordinal));
        var sent = Osvi.Writes - before;
        if (expect.SendAtMost is { } most)
        {
            Assert.InRange(sent, 0, most);
            Assert.Equal(parse.SendableCount, sent);
        }
        else
        {
            Assert.Equal(expect.Send ?? 0, sent);
            Assert.Equal(expect.Send ?? 0, parse.SendableCount - failed);
        }
    }

    public static TheoryData<string> FormulaIds => BadInputCorpus.Ids(BadInputCorpus.Formulas);

    [Theory]
    [MemberData(nameof(FormulaIds))]
    public async Task Formula_AsADndReason_IsExportedAsTextNeverAsAFormula(string id)
    {
        var formula = BadInputCorpus.Formulas.Single(c => c.Id == id);
        var agent = await Osvi.Admin.AgentIdAsync("Appointment Reminder", Ct);
        var phone = "+91987654" + (2000 + BadInputCorpus.Formulas.ToList().IndexOf(formula)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var added = await Osvi.Dnd.AddAsync(new DndAddRequest { AgentUuid = agent, Phone = phone, Reason = formula.Text }, Ct);
        Assert.True(added.Succeeded, added.ToString());
        using var client = Osvi.Factory.CreateClientAs(global::Osvi.Dashboard.Security.DashboardRoles.Operator);

        var csv = await client.GetByteArrayAsync($"/dnd/export.csv?agent_uuid={agent}&search={phone[3..]}", Ct);

        using var reader = CsvHelper.CsvReader.Create(csv, new CsvHelper.CsvReaderOptions { HasHeader = true });
        Assert.True(reader.Read());
        var fields = reader.Current.ToArray();
        Assert.Equal(phone, fields[0]);
        var reason = fields[1];
        Assert.StartsWith("'", reason, StringComparison.Ordinal);
        Assert.Equal(string.Join(' ', formula.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), reason[1..]);
        // An E.164 number ("+9198…") is only digits after the plus: a spreadsheet reads it as a number, never runs it.
        Assert.All(fields.Where(field => !System.Text.RegularExpressions.Regex.IsMatch(field, @"^\+\d{6,15}$")),
            field => Assert.False(field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"{id}: a cell starts a formula: {field}"));
    }

    private async Task<(OsviError? Error, string Field)> SendAsync(TextCase text)
    {
        var value = text.Value;
        var customer = $"bad-input-{text.Id}";
        var session = new ChatTarget(ChatAgent, customer, "chat_session_placeholder");
        switch (text.Target)
        {
            case "dnd.reason":
                var added = await Osvi.Dnd.AddAsync(new DndAddRequest { AgentUuid = host.DndAgent, Phone = "+919876541" + (Math.Abs(text.Id.GetHashCode(StringComparison.Ordinal)) % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Reason = value, Source = DndSources.Manual }, Ct);
                return (added.Error, "reason");
            case "chat.customer":
                return ((await Osvi.Chat.SendAsCustomerAsync(new ChatTarget(ChatAgent, customer, null), value, Ct)).Error, "content");
            case "chat.tell":
                return ((await Osvi.Chat.SendOperatorCommandAsync(session, OperatorCommand.Tell, value, Ct)).Error, "message");
            case "chat.whisper":
                return ((await Osvi.Chat.SendOperatorCommandAsync(session, OperatorCommand.Whisper, value, Ct)).Error, "message");
            case "chat.message":
                return ((await Osvi.Chat.SendOperatorCommandAsync(session, OperatorCommand.Message, value, Ct)).Error, "message");
            case "chat.context":
                return ((await Osvi.Chat.InjectContextAsync(session, value, Ct)).Error, "context");
            case "chat.start.context":
                return ((await Osvi.Chat.StartSessionAsync(new NewChatSession { AgentUuid = ChatAgent, CustomerId = customer, Context = ["ok", value] }, Ct)).Error, "context");
            case "chat.start.input":
                return ((await Osvi.Chat.StartSessionAsync(new NewChatSession { AgentUuid = ChatAgent, CustomerId = customer, InputFields = [new("order", value)] }, Ct)).Error, "input_fields");
            case "chat.start.customer":
                return ((await Osvi.Chat.StartSessionAsync(new NewChatSession { AgentUuid = ChatAgent, CustomerId = value }, Ct)).Error, "customer_id");
            default:
                throw new InvalidOperationException($"Unknown target {text.Target} in {text.Id}.");
        }
    }
}
