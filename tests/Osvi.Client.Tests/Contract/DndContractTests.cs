using Osvi.Client.Contracts;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary>DND add, list and remove (§3.10–3.12, D2, D3), real client against the simulator. The list tests read the
/// seeded list of "EMI Payment Reminder", which no test here changes.</summary>
public sealed class DndContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan s_ist = TimeSpan.FromHours(5.5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Reminders => sim.Dialler(name: "Appointment Reminder").Uuid;

    private string Collections => sim.Dialler(name: "EMI Payment Reminder").Uuid;

    private async Task<IReadOnlyList<DndEntry>> WholeListAsync(string agentUuid) =>
        (await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = agentUuid, PerPage = 100 }, Ct)).Data;

    [Fact]
    public async Task AddDndNumberAsync_NewNumber_Is201WithTheEntryInE164()
    {
        var now = sim.World.Clock.UtcNow;

        using var response = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Reminders, Phone = "098765 20001", Reason = "customer opted out" }, Ct);

        var envelope = OsviAssert.Succeeded(response, 201);
        Assert.True(envelope.Success);
        WireAssert.SameFields<OsviEnvelope<DndEntry>>(sim.PrimaryWire);
        WireAssert.SameFields<DndEntry>(sim.PrimaryWire.GetProperty("data"));
        var entry = envelope.Data;
        Assert.True(entry.Id > 0);
        Assert.Equal((Reminders, "+919876520001", "customer opted out"), (entry.AgentUuid, entry.Phone, entry.Reason));
        Assert.Equal(s_ist, entry.CreatedAt.Offset);
        Assert.InRange(entry.CreatedAt, now.AddSeconds(-1), now.AddSeconds(1));
        Assert.Equal(entry, Assert.Single((await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Reminders, Search = "9876520001" }, Ct)).Data));
    }

    [Fact]
    public async Task AddDndNumberAsync_NumberAlreadyListedInAnotherFormat_Is422AlreadyTakenD2()
    {
        using (var first = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Reminders, Phone = "9876520002" }, Ct))
        {
            OsviAssert.Succeeded(first, 201);
        }

        using var again = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Reminders, Phone = "+919876520002", Reason = "twice" }, Ct);

        // The dashboard reads this as "already on the list" (D2): a 422 whose only message says so.
        var error = OsviAssert.Failed(again, OsviErrorKind.Validation, 422, "Phone has already been taken");
        OsviAssert.FieldErrors(error, ("", "Phone has already been taken"));
        Assert.Single(await WholeListAsync(Reminders), e => e.Phone == "+919876520002");
    }

    [Fact]
    public async Task AddDndNumberAsync_InvalidPhone_Is400NamingPhone()
    {
        using var response = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Reminders, Phone = "12" }, Ct);

        var error = OsviAssert.Failed(response, OsviErrorKind.Validation, 400, "phone is not a valid phone number");
        OsviAssert.FieldErrors(error, ("phone", "phone is not a valid phone number"));
    }

    [Theory]
    [InlineData("", "9876520003", "agent_uuid")]
    [InlineData("agent", "", "phone")]
    public async Task AddDndNumberAsync_MissingParameter_Is400ParamMissing(string agentUuid, string phone, string missing)
    {
        using var response = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = agentUuid == "agent" ? Reminders : agentUuid, Phone = phone }, Ct);

        var error = OsviAssert.Failed(response, OsviErrorKind.Validation, 400, "param is missing or the value is empty: " + missing);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task AddDndNumberAsync_AgentOfAnotherAccount_Is404()
    {
        using var response = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = sim.Dialler(account: 1).Uuid, Phone = "9876520004" }, Ct);

        OsviAssert.Failed(response, OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task ListDndNumbersAsync_SeededList_NewestFirstWithEveryValueAsSent()
    {
        var page = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections }, Ct);
        var wire = await sim.RawGetAsync($"/v1/dnd_numbers?agent_uuid={Collections}");

        Assert.True(page.Success);
        Assert.Equal(new PageMeta { CurrentPage = 1, TotalPages = 1, TotalCount = 8, PerPage = 25 }, page.Meta);
        WireAssert.SameFields<OsviPagedEnvelope<DndEntry>>(wire);
        var items = wire.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(items.Count, page.Data.Count);
        for (var i = 0; i < items.Count; i++)
        {
            WireAssert.SameFields<DndEntry>(items[i]);
            var entry = page.Data[i];
            Assert.Equal(items[i].GetProperty("id").GetInt64(), entry.Id);
            Assert.Equal(Collections, entry.AgentUuid);
            Assert.Equal(items[i].GetProperty("phone").GetString(), entry.Phone);
            Assert.Equal(items[i].GetProperty("reason").GetString(), entry.Reason);
            WireAssert.SameTimestamp(items[i].GetProperty("created_at"), entry.CreatedAt);
            Assert.Matches(@"^\+91\d{10}$", entry.Phone);
        }

        Assert.Equal(page.Data.OrderByDescending(e => e.CreatedAt).Select(e => e.Id), page.Data.Select(e => e.Id));
    }

    [Fact]
    public async Task ListDndNumbersAsync_Paging_SplitsTheListAndAPagePastTheEndIsEmpty()
    {
        var all = await WholeListAsync(Collections);

        var pages = new List<DndEntry>();
        for (var number = 1; number <= 3; number++)
        {
            var page = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections, Page = number, PerPage = 3 }, Ct);
            Assert.Equal(new PageMeta { CurrentPage = number, TotalPages = 3, TotalCount = 8, PerPage = 3 }, page.Meta);
            pages.AddRange(page.Data);
        }

        var past = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections, Page = 4, PerPage = 3 }, Ct);
        var clamped = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections, PerPage = 1_000 }, Ct);

        Assert.Equal(all, pages);
        Assert.Empty(past.Data);
        Assert.Equal(new PageMeta { CurrentPage = 4, TotalPages = 3, TotalCount = 8, PerPage = 3 }, past.Meta);
        Assert.Equal(100, clamped.Meta.PerPage);
    }

    [Fact]
    public async Task ListDndNumbersAsync_Search_IsAPartialMatchOnThePhone()
    {
        var all = await WholeListAsync(Collections);
        var fragment = all[2].Phone[6..10];
        var prefix = all[5].Phone[..7];

        var byFragment = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections, Search = fragment }, Ct);
        // A leading '+' travels percent-encoded.
        var byPrefix = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections, Search = prefix }, Ct);
        var none = await sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = Collections, Search = "0000000" }, Ct);

        Assert.Equal(all.Where(e => e.Phone.Contains(fragment, StringComparison.Ordinal)), byFragment.Data);
        Assert.Equal(all.Where(e => e.Phone.StartsWith(prefix, StringComparison.Ordinal)), byPrefix.Data);
        Assert.Equal(byPrefix.Data.Count, byPrefix.Meta.TotalCount);
        Assert.Empty(none.Data);
        Assert.Equal(0, none.Meta.TotalCount);
    }

    [Fact]
    public async Task ListDndNumbersAsync_AgentOfAnotherAccountOrUnknown_Is404()
    {
        await OsviAssert.FailsAsync(() => sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = sim.Dialler(account: 1).Uuid }, Ct), OsviErrorKind.NotFound, 404, "Not found");
        await OsviAssert.FailsAsync(() => sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = "agent_00000000000000000000000000" }, Ct), OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task ListDndNumbersAsync_NoAgent_Is400ParamMissing()
    {
        await OsviAssert.FailsAsync(() => sim.Primary.ListDndNumbersAsync(new DndListQuery { AgentUuid = "" }, Ct), OsviErrorKind.Validation, 400,
            "param is missing or the value is empty: agent_uuid");
    }

    [Fact]
    public async Task RemoveDndNumberAsync_ListedNumber_Is200MessageAndTheNumberCanBeCalledAgain()
    {
        var national = OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix, 50);
        using (var added = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Reminders, Phone = national }, Ct))
        {
            OsviAssert.Succeeded(added, 201);
        }

        await OsviAssert.FailsAsync(() => sim.Primary.StartCallAsync(new StartCallRequest { AgentUuid = Reminders, PhoneNumber = national, CountryCode = "IN" }, Ct), OsviErrorKind.Validation, 400);

        // Removed by its E.164 form (the '+' travels percent-encoded).
        using var removed = await sim.Primary.RemoveDndNumberAsync(Reminders, "+91" + national, Ct);

        var body = OsviAssert.Succeeded(removed);
        WireAssert.SameFields<OsviMessageResponse>(sim.PrimaryWire);
        Assert.Equal(new OsviMessageResponse { Success = true, Message = "Phone removed from DND list" }, body);
        Assert.DoesNotContain(await WholeListAsync(Reminders), e => e.Phone == "+91" + national);
        Assert.True((await sim.Primary.StartCallAsync(new StartCallRequest { AgentUuid = Reminders, PhoneNumber = national, CountryCode = "IN" }, Ct)).Success);
    }

    [Fact]
    public async Task RemoveDndNumberAsync_NumberNotListed_Is404D3()
    {
        using var response = await sim.Primary.RemoveDndNumberAsync(Reminders, "9876529999", Ct);

        var error = OsviAssert.Failed(response, OsviErrorKind.NotFound, 404, "Phone not found in DND list");
        Assert.Empty(error.FieldErrors);
    }

    [Theory]
    [InlineData("agent", "", "phone")]
    [InlineData("", "9876520005", "agent_uuid")]
    public async Task RemoveDndNumberAsync_MissingParameter_Is400ParamMissing(string agentUuid, string phone, string missing)
    {
        using var response = await sim.Primary.RemoveDndNumberAsync(agentUuid == "agent" ? Reminders : agentUuid, phone, Ct);

        // The documented example (§3.12).
        var error = OsviAssert.Failed(response, OsviErrorKind.Validation, 400, "param is missing or the value is empty: " + missing);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task RemoveDndNumberAsync_AgentOfAnotherAccount_Is404AndTheirEntryStays()
    {
        var theirAgent = sim.Dialler(account: 1).Uuid;
        var theirs = (await sim.Secondary.ListDndNumbersAsync(new DndListQuery { AgentUuid = theirAgent }, Ct)).Data[0];

        using var response = await sim.Primary.RemoveDndNumberAsync(theirAgent, theirs.Phone, Ct);

        OsviAssert.Failed(response, OsviErrorKind.NotFound, 404, "Not found");
        Assert.Contains((await sim.Secondary.ListDndNumbersAsync(new DndListQuery { AgentUuid = theirAgent }, Ct)).Data, e => e.Id == theirs.Id);
    }
}
