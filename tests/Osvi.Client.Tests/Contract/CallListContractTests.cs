using Osvi.Client.Contracts;

namespace Osvi.Client.Tests.Contract;

/// <summary><c>GET /v1/calls</c> (§3.4, D12): every filter as the client sends it, checked against the client's own
/// reading of the whole unfiltered history (nobody moves this class's clock, so the world stands still).</summary>
public sealed class CallListContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan s_ist = TimeSpan.FromHours(5.5);
    private List<CallSummary>? _all;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every call of the primary account, read page by page through the client.</summary>
    private async Task<List<CallSummary>> AllAsync()
    {
        if (_all is null)
        {
            _all = [];
            for (var page = 1; ; page++)
            {
                var result = await sim.Primary.ListCallsAsync(new CallListQuery { Page = page, PerPage = 100 }, Ct);
                _all.AddRange(result.Data);
                if (page >= result.Meta.TotalPages)
                {
                    break;
                }
            }
        }

        return _all;
    }

    /// <summary>Every call matching a query, page by page.</summary>
    private async Task<(List<CallSummary> Calls, PageMeta FirstMeta)> ListAllAsync(CallListQuery query)
    {
        var calls = new List<CallSummary>();
        PageMeta? first = null;
        for (var page = 1; ; page++)
        {
            var result = await sim.Primary.ListCallsAsync(query with { Page = page, PerPage = 100 }, Ct);
            first ??= result.Meta;
            calls.AddRange(result.Data);
            if (page >= result.Meta.TotalPages)
            {
                break;
            }
        }

        Assert.Equal(first.TotalCount, calls.Count);
        return (calls, first);
    }

    private async Task AssertFilterAsync(CallListQuery query, Func<CallSummary, bool> expected)
    {
        var all = await AllAsync();
        var (calls, _) = await ListAllAsync(query);

        var wanted = all.Where(expected).Select(c => c.CallId).ToList();
        Assert.NotEmpty(wanted);
        Assert.Equal(wanted, calls.Select(c => c.CallId));
    }

    [Fact]
    public async Task ListCallsAsync_NoFilter_FirstPageNewestFirstWithEveryValueAsSent()
    {
        var page = await sim.Primary.ListCallsAsync(new CallListQuery(), Ct);
        var wire = await sim.RawGetAsync("/v1/calls");

        Assert.True(page.Success);
        Assert.Equal(25, page.Data.Count);
        var total = sim.World.GetAccounts()[0].CallCount;
        Assert.Equal(new PageMeta { CurrentPage = 1, PerPage = 25, TotalCount = total, TotalPages = (total + 24) / 25 }, page.Meta);
        Assert.Equal(page.Data.OrderByDescending(c => c.CreatedAt).Select(c => c.CallId), page.Data.Select(c => c.CallId));
        var items = wire.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(items.Count, page.Data.Count);
        for (var i = 0; i < items.Count; i++)
        {
            WireAssert.SameCall(items[i], page.Data[i]);
        }

        WireAssert.SameFields<PageMeta>(wire.GetProperty("meta"));
        WireAssert.SameFields<OsviPagedEnvelope<CallSummary>>(wire);
    }

    [Fact]
    public async Task ListCallsAsync_WholeHistory_EveryCallReadsWithItsAccountsAgentsAndTags()
    {
        var all = await AllAsync();
        var agents = sim.World.GetAccounts()[0].Agents.ToDictionary(a => a.Uuid, a => a.Name);

        Assert.Equal(sim.World.GetAccounts()[0].CallCount, all.Count);
        Assert.Equal(all.Count, all.Select(c => c.CallId).Distinct().Count());
        Assert.Equal(all.OrderByDescending(c => c.CreatedAt).Select(c => c.CallId), all.Select(c => c.CallId));
        Assert.All(all, c =>
        {
            Assert.Equal(agents[c.AgentUuid], c.AgentName);
            Assert.True(c.Status.IsKnown, c.Status.Value);
            Assert.Equal(s_ist, c.CreatedAt.Offset);
            Assert.Matches(@"^\+91\d{10}$", c.PhoneNumber);
        });
        // A believable history: every status and both call types occur; answered calls carry a duration and often a tag.
        Assert.Equal(CallStatus.Known.Order(Comparer<CallStatus>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value))),
            all.Select(c => c.Status).Distinct().Order(Comparer<CallStatus>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value))));
        Assert.Contains(all, c => c.CallType == CallType.Inbound);
        Assert.All(all.Where(c => c.Status == CallStatus.Picked), c => Assert.True(c.DurationSeconds > 0));
        Assert.Contains(all, c => c.Tag is { Name.Length: > 0, ColorCode: ['#', ..] });
    }

    [Fact]
    public async Task ListCallsAsync_StatusList_SentAsOneEncodedCsvValue_ReturnsExactlyThoseStatuses()
    {
        // The client sends status=picked%2Cbusy (Refit encodes the comma); the simulator must read both values.
        await AssertFilterAsync(new CallListQuery { Status = ["picked", "busy"] }, c => c.Status == CallStatus.Picked || c.Status == CallStatus.Busy);
        Assert.StartsWith("/v1/calls?status=picked%2Cbusy&", sim.PrimarySent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCallsAsync_SingleStatus_ReturnsOnlyIt()
    {
        await AssertFilterAsync(new CallListQuery { Status = ["voicemail"] }, c => c.Status == CallStatus.Voicemail);
    }

    [Fact]
    public async Task ListCallsAsync_Agent_ReturnsOnlyItsCalls()
    {
        var agent = sim.Dialler(name: "Policy Renewals").Uuid;

        await AssertFilterAsync(new CallListQuery { AgentUuid = agent }, c => c.AgentUuid == agent);
    }

    [Fact]
    public async Task ListCallsAsync_AgentOfAnotherAccount_Is404()
    {
        var foreign = sim.Dialler(account: 1).Uuid;

        var error = await OsviAssert.FailsAsync(() => sim.Primary.ListCallsAsync(new CallListQuery { AgentUuid = foreign }, Ct), OsviErrorKind.NotFound, 404, "Not found");

        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task ListCallsAsync_UnknownAgent_Is404()
    {
        await OsviAssert.FailsAsync(() => sim.Primary.ListCallsAsync(new CallListQuery { AgentUuid = "agent_00000000000000000000000000" }, Ct), OsviErrorKind.NotFound, 404);
    }

    [Fact]
    public async Task ListCallsAsync_Campaign_ReturnsItsCallsAsManyAsItsStatusCounts()
    {
        var status = (await sim.Primary.GetCampaignStatusAsync(7, Ct)).Data;

        await AssertFilterAsync(new CallListQuery { CampaignId = 7 }, c => c.CampaignId == 7);
        var (calls, meta) = await ListAllAsync(new CallListQuery { CampaignId = 7 });

        Assert.Equal(status.Calls.Total, meta.TotalCount);
        Assert.Equal(status.Calls.ByStatus.OrderBy(p => p.Key), calls.GroupBy(c => c.Status.Value).Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData(7L)] // June Renewals: two past uploads and one draining now
    [InlineData(8L)] // Clinic Appointment Reminders: four past uploads
    public async Task ListCallsAsync_Upload_ReturnsItsCallsAsManyAsItsQueuesHeld(long campaignId)
    {
        var uploads = (await sim.Primary.GetCampaignStatusAsync(campaignId, Ct)).Data.Uploads;
        Assert.NotEmpty(uploads);

        foreach (var upload in uploads)
        {
            await AssertFilterAsync(new CallListQuery { CampaignUploadId = upload.CampaignUploadId }, c => c.CampaignUploadId == upload.CampaignUploadId);
            var (calls, _) = await ListAllAsync(new CallListQuery { CampaignUploadId = upload.CampaignUploadId });
            Assert.Equal(upload.Queues.Sum(q => q.TotalQueued), calls.Count);
            Assert.All(calls, c => Assert.Equal((campaignId, upload.AgentUuid), (c.CampaignId!.Value, c.AgentUuid)));
        }
    }

    [Fact]
    public async Task ListCallsAsync_PartialPhone_MatchesAnywhereInTheNumber()
    {
        var sample = (await AllAsync())[17].PhoneNumber;
        var fragment = sample[5..11];

        await AssertFilterAsync(new CallListQuery { PhoneNumber = fragment }, c => c.PhoneNumber.Contains(fragment, StringComparison.Ordinal));
        // With the leading '+', which travels percent-encoded.
        await AssertFilterAsync(new CallListQuery { PhoneNumber = sample[..8] }, c => c.PhoneNumber.StartsWith(sample[..8], StringComparison.Ordinal));
        Assert.Contains($"phone_number=%2B{sample[1..8]}&", sim.PrimarySent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inbound")]
    [InlineData("outbound")]
    public async Task ListCallsAsync_CallType_ReturnsOnlyThatType(string type)
    {
        await AssertFilterAsync(new CallListQuery { CallType = type }, c => c.CallType.Value == type);
    }

    [Fact]
    public async Task ListCallsAsync_DateOnlyRange_CoversWholeIstDaysOnCallPickedAt()
    {
        var from = new DateTimeOffset(2026, 6, 9, 0, 0, 0, s_ist);
        var to = new DateTimeOffset(2026, 6, 11, 0, 0, 0, s_ist);

        await AssertFilterAsync(new CallListQuery { StartDate = "2026-06-09", EndDate = "2026-06-10" }, c => c.CallPickedAt >= from && c.CallPickedAt < to);
    }

    [Fact]
    public async Task ListCallsAsync_TimestampRangeWithOffset_IsInclusiveOnCallPickedAt()
    {
        // "+05:30" travels as %2B05%3A30; the bounds are inclusive.
        var from = new DateTimeOffset(2026, 6, 10, 11, 0, 0, s_ist);
        var to = new DateTimeOffset(2026, 6, 10, 16, 30, 0, s_ist);

        await AssertFilterAsync(new CallListQuery { StartDate = "2026-06-10T11:00:00+05:30", EndDate = "2026-06-10T16:30:00+05:30" },
            c => c.CallPickedAt >= from && c.CallPickedAt <= to);
        Assert.Contains("start_date=2026-06-10T11%3A00%3A00%2B05%3A30&", sim.PrimarySent, StringComparison.Ordinal);
        await AssertFilterAsync(new CallListQuery { StartDate = "2026-06-10T05:30:00Z" }, c => c.CallPickedAt >= from);
    }

    [Fact]
    public async Task ListCallsAsync_EveryFilterAtOnce_ReturnsTheirIntersection()
    {
        var agent = sim.Dialler(name: "Policy Renewals").Uuid;
        var from = new DateTimeOffset(2026, 5, 20, 0, 0, 0, s_ist);

        await AssertFilterAsync(
            new CallListQuery { Status = ["picked", "not_picked"], AgentUuid = agent, CampaignId = 7, CallType = "outbound", StartDate = "2026-05-20", PhoneNumber = "+91" },
            c => (c.Status == CallStatus.Picked || c.Status == CallStatus.NotPicked) && c.AgentUuid == agent && c.CampaignId == 7
                 && c.CallType == CallType.Outbound && c.CallPickedAt >= from);
    }

    [Fact]
    public async Task ListCallsAsync_UnknownStatusAmongKnownOnes_Is400Validation()
    {
        var error = await OsviAssert.FailsAsync(() => sim.Primary.ListCallsAsync(new CallListQuery { Status = ["picked", "answered"] }, Ct), OsviErrorKind.Validation, 400);

        OsviAssert.FieldErrors(error, ("status", "status 'answered' is not one of picked, not_picked, failed, busy, voicemail, in_progress"));
        Assert.Equal(error.FieldErrors[0].Message, error.Message);
    }

    [Fact]
    public async Task ListCallsAsync_UnparsableDates_Is400NamingEachDate()
    {
        var error = await OsviAssert.FailsAsync(() => sim.Primary.ListCallsAsync(new CallListQuery { StartDate = "yesterday", EndDate = "2026-13-45" }, Ct), OsviErrorKind.Validation, 400);

        OsviAssert.FieldErrors(error,
            ("start_date", "start_date is not a valid date (use YYYY-MM-DD or ISO 8601)"),
            ("end_date", "end_date is not a valid date (use YYYY-MM-DD or ISO 8601)"));
    }

    [Fact]
    public async Task ListCallsAsync_UnknownCallType_Is400()
    {
        var error = await OsviAssert.FailsAsync(() => sim.Primary.ListCallsAsync(new CallListQuery { CallType = "sideways" }, Ct), OsviErrorKind.Validation, 400);

        OsviAssert.FieldErrors(error, ("call_type", "call_type must be inbound or outbound"));
    }

    [Fact]
    public async Task ListCallsAsync_PerPageOver100_IsClampedTo100()
    {
        var page = await sim.Primary.ListCallsAsync(new CallListQuery { PerPage = 500 }, Ct);

        Assert.Equal(100, page.Data.Count);
        Assert.Equal(100, page.Meta.PerPage);
        Assert.Equal((page.Meta.TotalCount + 99) / 100, page.Meta.TotalPages);
        Assert.Equal((await AllAsync()).Take(100).Select(c => c.CallId), page.Data.Select(c => c.CallId));
    }

    [Fact]
    public async Task ListCallsAsync_PagePastTheEnd_IsEmptyWithCorrectMeta()
    {
        var first = await sim.Primary.ListCallsAsync(new CallListQuery { Status = ["busy"], PerPage = 10 }, Ct);

        var past = await sim.Primary.ListCallsAsync(new CallListQuery { Status = ["busy"], PerPage = 10, Page = first.Meta.TotalPages + 1 }, Ct);

        Assert.True(past.Success);
        Assert.Empty(past.Data);
        Assert.Equal(first.Meta with { CurrentPage = first.Meta.TotalPages + 1 }, past.Meta);
    }

    [Fact]
    public async Task ListCallsAsync_LastPage_HoldsTheRemainder()
    {
        var first = await sim.Primary.ListCallsAsync(new CallListQuery { PerPage = 7 }, Ct);

        var last = await sim.Primary.ListCallsAsync(new CallListQuery { PerPage = 7, Page = first.Meta.TotalPages }, Ct);

        Assert.Equal(first.Meta.TotalCount - (7 * (first.Meta.TotalPages - 1)), last.Data.Count);
        Assert.Equal((await AllAsync()).TakeLast(last.Data.Count).Select(c => c.CallId), last.Data.Select(c => c.CallId));
    }

    [Fact]
    public async Task ListCallsAsync_SecondAccount_SeesOnlyItsOwnCalls()
    {
        var theirs = await sim.Secondary.ListCallsAsync(new CallListQuery { PerPage = 100 }, Ct);
        var ours = (await AllAsync()).Select(c => c.CallId).ToHashSet();

        Assert.Equal(sim.World.GetAccounts()[1].CallCount, theirs.Meta.TotalCount);
        Assert.DoesNotContain(theirs.Data, c => ours.Contains(c.CallId));
        var agents = sim.World.GetAccounts()[1].Agents.Select(a => a.Uuid).ToHashSet();
        Assert.All(theirs.Data, c => Assert.Contains(c.AgentUuid, agents));
    }
}
