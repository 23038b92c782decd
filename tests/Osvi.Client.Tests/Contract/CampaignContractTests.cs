using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Simulator.World;

namespace Osvi.Client.Tests.Contract;

/// <summary><c>POST /v1/campaigns/{id}/contacts</c> and <c>GET /v1/campaigns/{id}/status</c> (§3.8–3.9, D9–D11), real
/// client against the simulator, including the queue draining on the simulated clock.</summary>
public sealed class CampaignContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const long JuneRenewals = 7;
    private const long PremiumLeads = 9;
    private const long EmiReminders = 10;
    private const long PostVisitFeedback = 11;
    private const long OtherAccountsCampaign = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Renewals => sim.Dialler(name: "Policy Renewals").Uuid;

    private static CampaignContact Contact(string phone, string? name, Dictionary<string, JsonElement>? variables = null) =>
        new() { Phone = phone, PersonName = name, Variables = variables };

    private async Task<List<CallSummary>> UploadCallsAsync(long uploadId) =>
        [.. (await sim.Primary.ListCallsAsync(new CallListQuery { CampaignUploadId = uploadId, PerPage = 100 }, Ct)).Data];

    [Fact]
    public async Task AddCampaignContactsAsync_Enqueue_NormalisesDedupesSkipsDndAndTheQueueDrainsIntoCalls()
    {
        string National(string suffix) => OutcomeRules.NationalNumber(suffix, 30);
        using (var dnd = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Renewals, Phone = National(OutcomeRules.BusySuffix) }, Ct))
        {
            OsviAssert.Succeeded(dnd, 201);
        }

        var request = new AddContactsRequest
        {
            AgentUuid = Renewals,
            Enqueue = true,
            Contacts =
            [
                Contact(National(OutcomeRules.PickedSuffix), "Ravi", new() { ["plan"] = JsonSerializer.SerializeToElement("Pro") }),
                Contact("+91" + National(OutcomeRules.PickedSuffix), "Ravi Kumar"), // the same number: the longer name wins
                Contact("0" + National(OutcomeRules.NotPickedSuffix), "Anita Desai"),
                Contact(National(OutcomeRules.BusySuffix), "Dev Patel"), // on the DND list
                Contact("91" + National(OutcomeRules.VoicemailSuffix), "Meera Iyer"),
            ],
        };
        var before = (await sim.Primary.GetCampaignStatusAsync(JuneRenewals, Ct)).Data;

        var result = await sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct);

        Assert.True(result.Success);
        WireAssert.SameFields<OsviEnvelope<ContactUploadResult>>(sim.PrimaryWire);
        WireAssert.SameFields<ContactUploadResult>(sim.PrimaryWire.GetProperty("data"));
        // D10: the simulator's dnd_skipped items carry exactly what the client's converter reads.
        Assert.Equal(["phone", "person_name"], sim.PrimaryWire.GetProperty("data").GetProperty("dnd_skipped")[0].EnumerateObject().Select(p => p.Name));
        var upload = result.Data;
        Assert.Equal(
            new { Received = 5, Accepted = 3, Duplicates = 1, Enqueued = true, Queued = 3 },
            new { Received = upload.ContactsReceived, Accepted = upload.ContactsAccepted, Duplicates = upload.DuplicatesRemoved, Enqueued = upload.Enqueued, Queued = upload.QueuedCalls });
        Assert.Equal([new DndSkippedContact { Phone = "+91" + National(OutcomeRules.BusySuffix), PersonName = "Dev Patel" }], upload.DndSkipped);
        Assert.DoesNotContain(before.Uploads, u => u.CampaignUploadId == upload.CampaignUploadId);

        // The upload shows in the status snapshot with its queue, and its calls are listed at once, queued.
        var status = (await sim.Primary.GetCampaignStatusAsync(JuneRenewals, Ct)).Data;
        var listed = Assert.Single(status.Uploads, u => u.CampaignUploadId == upload.CampaignUploadId);
        Assert.Equal(Renewals, listed.AgentUuid);
        Assert.Matches(@"^\d{10}-api_contacts_[0-9a-f]{16}\.csv$", listed.FileName);
        var epoch = sim.World.Clock.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(long.Parse(listed.FileName[..10], System.Globalization.CultureInfo.InvariantCulture), epoch - 5, epoch);
        Assert.Equal([new CampaignQueue { AgentUuid = Renewals, TotalQueued = 3, Completed = false }], listed.Queues);
        var calls = await UploadCallsAsync(upload.CampaignUploadId);
        Assert.Equal(
            new[] { OutcomeRules.PickedSuffix, OutcomeRules.NotPickedSuffix, OutcomeRules.VoicemailSuffix }.Select(s => "+91" + National(s)).Order(),
            calls.Select(c => c.PhoneNumber).Order());
        Assert.All(calls, c => Assert.Equal((CallStatus.InProgress, JuneRenewals, Renewals), (c.Status, c.CampaignId!.Value, c.AgentUuid)));
        var ravi = calls.Single(c => c.PhoneNumber.EndsWith(OutcomeRules.PickedSuffix, StringComparison.Ordinal));
        Assert.Equal("Ravi Kumar", (await sim.Primary.GetCallAsync(ravi.CallId, Ct)).Data.CallerName);

        // June Renewals retries twice, 30 minutes apart; after that the queue has drained.
        await sim.AdvanceAsync(TimeSpan.FromHours(2));
        var drained = (await sim.Primary.GetCampaignStatusAsync(JuneRenewals, Ct)).Data;
        Assert.True(Assert.Single(drained.Uploads.Single(u => u.CampaignUploadId == upload.CampaignUploadId).Queues).Completed);
        var outcomes = (await UploadCallsAsync(upload.CampaignUploadId)).ToDictionary(c => c.PhoneNumber[^4..], c => c.Status);
        Assert.Equal(CallStatus.Picked, outcomes[OutcomeRules.PickedSuffix]);
        Assert.Equal(CallStatus.NotPicked, outcomes[OutcomeRules.NotPickedSuffix]);
        Assert.Equal(CallStatus.Voicemail, outcomes[OutcomeRules.VoicemailSuffix]);
        Assert.Equal(2, (await sim.Primary.GetCallAsync(calls.Single(c => c.PhoneNumber.EndsWith(OutcomeRules.NotPickedSuffix, StringComparison.Ordinal)).CallId, Ct)).Data.RetryCount);
        Assert.Equal(before.Calls.Total + 3, drained.Calls.Total);
    }

    [Fact]
    public async Task AddCampaignContactsAsync_NumberAddedToDndWhileQueued_IsSkippedNotDialled()
    {
        string National(int variant) => OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix, variant);
        var request = new AddContactsRequest { AgentUuid = Renewals, Enqueue = true, Contacts = [.. Enumerable.Range(40, 6).Select(v => Contact(National(v), null))] };
        var upload = (await sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct)).Data;

        using (var dnd = await sim.Primary.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Renewals, Phone = National(45) }, Ct))
        {
            OsviAssert.Succeeded(dnd, 201);
        }

        var skipped = (await UploadCallsAsync(upload.CampaignUploadId)).Single(c => c.PhoneNumber == "+91" + National(45));
        Assert.Equal(CallStatus.Failed, skipped.Status);
        Assert.Null(skipped.CallPickedAt);
        Assert.Equal("dnd-skipped", skipped.CallEndedReason);
        await sim.AdvanceAsync(TimeSpan.FromMinutes(10));
        var calls = await UploadCallsAsync(upload.CampaignUploadId);
        Assert.Equal(5, calls.Count(c => c.Status == CallStatus.Picked));
        Assert.Null(calls.Single(c => c.CallId == skipped.CallId).CallPickedAt);
    }

    [Fact]
    public async Task AddCampaignContactsAsync_WithoutEnqueue_StoresTheUploadWithoutQueueOrCalls()
    {
        var request = new AddContactsRequest { AgentUuid = sim.Dialler(name: "Appointment Reminder").Uuid, Contacts = [Contact("9876511111", "Kiran"), Contact("9876511112", null)] };

        var upload = (await sim.Primary.AddCampaignContactsAsync(PostVisitFeedback, request, Ct)).Data;

        Assert.Equal((2, 2, 0, false, 0), (upload.ContactsReceived, upload.ContactsAccepted, upload.DuplicatesRemoved, upload.Enqueued, upload.QueuedCalls));
        Assert.Empty(upload.DndSkipped);
        var listed = Assert.Single((await sim.Primary.GetCampaignStatusAsync(PostVisitFeedback, Ct)).Data.Uploads, u => u.CampaignUploadId == upload.CampaignUploadId);
        Assert.Empty(listed.Queues);
        Assert.Empty(await UploadCallsAsync(upload.CampaignUploadId));
    }

    [Fact]
    public async Task AddCampaignContactsAsync_BadRows_Is400NamingEachRowAndStoresNothing()
    {
        var before = (await sim.Primary.GetCampaignStatusAsync(JuneRenewals, Ct)).Data;
        var request = new AddContactsRequest
        {
            AgentUuid = Renewals,
            Enqueue = true,
            Contacts = [Contact("9876512221", "Fine"), Contact("12", "Too short"), Contact("9876512223", "Fine too"), Contact("", "No phone")],
        };

        var error = await OsviAssert.FailsAsync(() => sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct), OsviErrorKind.Validation, 400,
            "2 fields are invalid; nothing was stored");

        OsviAssert.FieldErrors(error,
            ("contacts[1].phone", "contacts[1].phone is not a valid phone number"),
            ("contacts[3].phone", "contacts[3].phone is not a valid phone number"));
        var after = (await sim.Primary.GetCampaignStatusAsync(JuneRenewals, Ct)).Data;
        Assert.Equal(before.Uploads.Select(u => u.CampaignUploadId), after.Uploads.Select(u => u.CampaignUploadId));
        Assert.Equal(0, (await sim.Primary.ListCallsAsync(new CallListQuery { PhoneNumber = "987651222" }, Ct)).Meta.TotalCount);
    }

    [Fact]
    public async Task AddCampaignContactsAsync_MoreThan10000Contacts_Is400()
    {
        var request = new AddContactsRequest { AgentUuid = Renewals, Contacts = [.. Enumerable.Range(0, 10_001).Select(i => Contact($"98{i:D8}", null))] };

        var error = await OsviAssert.FailsAsync(() => sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct), OsviErrorKind.Validation, 400,
            "contacts must contain at most 10000 entries; split larger imports");

        OsviAssert.FieldErrors(error, ("contacts", "contacts must contain at most 10000 entries; split larger imports"));
    }

    [Fact]
    public async Task AddCampaignContactsAsync_Exactly10000Contacts_IsAccepted()
    {
        var request = new AddContactsRequest { AgentUuid = Renewals, Contacts = [.. Enumerable.Range(0, 10_000).Select(i => Contact($"97{i:D8}", null))] };

        var upload = (await sim.Primary.AddCampaignContactsAsync(EmiReminders, request, Ct)).Data;

        Assert.Equal((10_000, 10_000), (upload.ContactsReceived, upload.ContactsAccepted));
    }

    [Fact]
    public async Task AddCampaignContactsAsync_NoContacts_Is400ParamMissing()
    {
        var request = new AddContactsRequest { AgentUuid = Renewals, Contacts = [] };

        await OsviAssert.FailsAsync(() => sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct), OsviErrorKind.Validation, 400,
            "param is missing or the value is empty: contacts");
    }

    [Fact]
    public async Task AddCampaignContactsAsync_EnqueueForAgentWithoutOutboundTrunk_Is400()
    {
        var supportLine = sim.Agent(where: a => a.Name == "Support Line").Uuid;
        var request = new AddContactsRequest { AgentUuid = supportLine, Enqueue = true, Contacts = [Contact("9876513331", "Asha")] };

        var error = await OsviAssert.FailsAsync(() => sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct), OsviErrorKind.Validation, 400);

        OsviAssert.FieldErrors(error, ("enqueue", "The agent has no active outbound trunk configured"));
    }

    [Theory]
    [InlineData(999L)]
    [InlineData(OtherAccountsCampaign)]
    public async Task AddCampaignContactsAsync_UnknownOrOtherAccountsCampaign_Is404(long campaignId)
    {
        var request = new AddContactsRequest { AgentUuid = Renewals, Contacts = [Contact("9876514441", null)] };

        await OsviAssert.FailsAsync(() => sim.Primary.AddCampaignContactsAsync(campaignId, request, Ct), OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task AddCampaignContactsAsync_AgentOfAnotherAccount_Is404()
    {
        var request = new AddContactsRequest { AgentUuid = sim.Dialler(account: 1).Uuid, Contacts = [Contact("9876515551", null)] };

        await OsviAssert.FailsAsync(() => sim.Primary.AddCampaignContactsAsync(JuneRenewals, request, Ct), OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task GetCampaignStatusAsync_ActiveCampaign_ReadsEveryValueAsSent()
    {
        var envelope = await sim.Primary.GetCampaignStatusAsync(JuneRenewals, Ct);
        var wire = (await sim.RawGetAsync($"/v1/campaigns/{JuneRenewals}/status")).GetProperty("data");

        var status = envelope.Data;
        Assert.True(envelope.Success);
        WireAssert.SameFields<CampaignStatusSnapshot>(wire);
        var campaign = wire.GetProperty("campaign");
        WireAssert.SameFields<CampaignInfo>(campaign);
        Assert.Equal(
            new CampaignInfo { Id = JuneRenewals, Name = "June Renewals", Status = CampaignStatus.Active, IsRetryEnabled = true, RetryThreshold = 2, RetryDelay = 1_800, CreatedAt = status.Campaign.CreatedAt },
            status.Campaign);
        WireAssert.SameTimestamp(campaign.GetProperty("created_at"), status.Campaign.CreatedAt);

        WireAssert.SameFields<CampaignCallCounts>(wire.GetProperty("calls"));
        Assert.Equal(wire.GetProperty("calls").GetProperty("total").GetInt32(), status.Calls.Total);
        Assert.Equal(wire.GetProperty("calls").GetProperty("by_status").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())), status.Calls.ByStatus);
        Assert.Equal(status.Calls.Total, status.Calls.ByStatus.Values.Sum());
        Assert.All(status.Calls.ByStatus, p => Assert.True(p.Value > 0 && CallStatus.From(p.Key).IsKnown, p.Key));

        var uploads = wire.GetProperty("uploads").EnumerateArray().ToList();
        Assert.Equal(uploads.Count, status.Uploads.Count);
        Assert.True(uploads.Count >= 3);
        for (var i = 0; i < uploads.Count; i++)
        {
            WireAssert.SameFields<CampaignUpload>(uploads[i]);
            Assert.Equal(uploads[i].GetProperty("campaign_upload_id").GetInt64(), status.Uploads[i].CampaignUploadId);
            Assert.Equal(uploads[i].GetProperty("file_name").GetString(), status.Uploads[i].FileName);
            Assert.Equal(uploads[i].GetProperty("agent_uuid").GetString(), status.Uploads[i].AgentUuid);
            WireAssert.SameTimestamp(uploads[i].GetProperty("created_at"), status.Uploads[i].CreatedAt);
            var queues = uploads[i].GetProperty("queues").EnumerateArray().ToList();
            Assert.Equal(
                queues.Select(q => new CampaignQueue { AgentUuid = q.GetProperty("agent_uuid").GetString()!, TotalQueued = q.GetProperty("total_queued").GetInt32(), Completed = q.GetProperty("completed").GetBoolean() }),
                status.Uploads[i].Queues);
            Assert.All(queues, q => WireAssert.SameFields<CampaignQueue>(q));
        }
    }

    [Theory]
    [InlineData(PremiumLeads, "inactive")]
    [InlineData(EmiReminders, "completed")]
    public async Task GetCampaignStatusAsync_OtherStatuses_AreKnownValues(long campaignId, string expected)
    {
        var status = (await sim.Primary.GetCampaignStatusAsync(campaignId, Ct)).Data;

        Assert.Equal(CampaignStatus.From(expected), status.Campaign.Status);
        Assert.True(status.Campaign.Status.IsKnown);
    }

    [Fact]
    public async Task GetCampaignStatusAsync_InactiveCampaign_KeepsItsQueueWithoutDialling()
    {
        var before = (await sim.Primary.GetCampaignStatusAsync(PremiumLeads, Ct)).Data;
        var paused = Assert.Single(before.Uploads, u => u.Queues.Any(q => !q.Completed));

        await sim.AdvanceAsync(TimeSpan.FromHours(1));

        var after = (await sim.Primary.GetCampaignStatusAsync(PremiumLeads, Ct)).Data;
        Assert.Equal(paused.Queues, after.Uploads.Single(u => u.CampaignUploadId == paused.CampaignUploadId).Queues);
        var calls = await UploadCallsAsync(paused.CampaignUploadId);
        Assert.Equal(paused.Queues.Sum(q => q.TotalQueued), calls.Count);
        Assert.All(calls, c => Assert.Equal((CallStatus.InProgress, null), (c.Status, c.CallPickedAt)));
    }

    [Theory]
    [InlineData(999L)]
    [InlineData(OtherAccountsCampaign)]
    public async Task GetCampaignStatusAsync_UnknownOrOtherAccountsCampaign_Is404(long campaignId)
    {
        await OsviAssert.FailsAsync(() => sim.Primary.GetCampaignStatusAsync(campaignId, Ct), OsviErrorKind.NotFound, 404, "Not found");
    }

    [Fact]
    public async Task GetCampaignStatusAsync_SecondAccount_ReadsItsOwnCampaign()
    {
        var status = (await sim.Secondary.GetCampaignStatusAsync(OtherAccountsCampaign, Ct)).Data;

        Assert.Equal("Delivery Slot Confirmation", status.Campaign.Name);
        Assert.Equal(sim.World.GetAccounts()[1].Agents.Single(a => a.Name == "Delivery Updates").Uuid, Assert.Single(status.Uploads).AgentUuid);
    }
}
