using System.Net;
using System.Text.Json;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class CampaignTests
{
    private const long JuneRenewals = 7;

    private static async Task<JsonElement> StatusAsync(SimHost host, long campaign = JuneRenewals)
    {
        using var client = host.Api();
        var (status, body) = await client.GetJsonAsync($"/v1/campaigns/{campaign}/status");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Data();
    }

    private static JsonElement Upload(JsonElement status, long uploadId) =>
        status.GetProperty("uploads").EnumerateArray().Single(u => u.GetProperty("campaign_upload_id").GetInt64() == uploadId);

    private static async Task<List<JsonElement>> UploadCallsAsync(SimHost host, long uploadId)
    {
        using var client = host.Api();
        var (_, body) = await client.GetJsonAsync($"/v1/calls?campaign_upload_id={uploadId}&per_page=100");
        return [.. body.Data().EnumerateArray()];
    }

    private static object Contacts(SimHost host, bool enqueue, params object[] contacts) =>
        new { agent_uuid = host.Dialler().Uuid, contacts, enqueue };

    [Fact]
    public async Task Status_SeededCampaign_HasSettingsOutcomesAndUploadsWithQueues()
    {
        await using var host = new SimHost();

        var data = await StatusAsync(host);

        var campaign = data.GetProperty("campaign");
        Assert.Equal("June Renewals", campaign.Str("name"));
        Assert.Equal("active", campaign.Str("status"));
        Assert.True(campaign.GetProperty("is_retry_enabled").GetBoolean());
        Assert.Equal(1800, campaign.GetProperty("retry_delay").GetInt32());
        Assert.EndsWith("+05:30", campaign.Str("created_at"), StringComparison.Ordinal);
        var calls = data.GetProperty("calls");
        var byStatus = calls.GetProperty("by_status").EnumerateObject().ToList();
        Assert.Equal(calls.GetProperty("total").GetInt32(), byStatus.Sum(p => p.Value.GetInt32()));
        Assert.All(byStatus, p => Assert.True(p.Value.GetInt32() > 0));
        var uploads = data.GetProperty("uploads").EnumerateArray().ToList();
        Assert.True(uploads.Count >= 3);
        Assert.All(uploads, u => Assert.Matches(@"^\d{10}-api_contacts_[0-9a-f]{16}\.csv$", u.Str("file_name")));
        Assert.Contains(uploads, u => !u.GetProperty("queues")[0].GetProperty("completed").GetBoolean());
    }

    [Theory]
    [InlineData("999")]
    [InlineData("abc")]
    [InlineData("12")]
    public async Task Status_UnknownOrForeignCampaign_Returns404(string id)
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (status, body) = await client.GetJsonAsync($"/v1/campaigns/{id}/status");
        var (postStatus, _) = await client.PostJsonAsync($"/v1/campaigns/{id}/contacts", Contacts(host, false, new { phone = "9876543210" }));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, postStatus);
        body.AssertD1("Not found");
    }

    [Fact]
    public async Task Contacts_DocumentedExample_NormalisesDedupesAndSkipsDnd()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = host.Dialler().Uuid, phone = "+919812300000" });

        var (status, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, true,
            new { person_name = "Ravi", phone = "9876543210", plan = "Pro" },
            new { person_name = "Ravi Kumar", phone = "+91 98765 43210" },
            new { person_name = "Anita Desai", phone = "09876500000" },
            new { person_name = "Opted Out", phone = "919812300000" }));

        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.Data();
        Assert.Equal(4, data.GetProperty("contacts_received").GetInt32());
        Assert.Equal(1, data.GetProperty("duplicates_removed").GetInt32());
        Assert.Equal(2, data.GetProperty("contacts_accepted").GetInt32());
        Assert.True(data.GetProperty("enqueued").GetBoolean());
        Assert.Equal(2, data.GetProperty("queued_calls").GetInt32());
        var skipped = Assert.Single(data.GetProperty("dnd_skipped").EnumerateArray());
        Assert.Equal("+919812300000", skipped.Str("phone"));
        Assert.Equal("Opted Out", skipped.Str("person_name"));
        var calls = await UploadCallsAsync(host, data.GetProperty("campaign_upload_id").GetInt64());
        Assert.Equal(["+919876500000", "+919876543210"], calls.Select(c => c.Str("phone_number")).Order());
        var detail = await StartCallTests.GetCallAsync(host, calls.Single(c => c.Str("phone_number") == "+919876543210").Str("call_id"));
        Assert.Equal("Ravi Kumar", detail.Str("caller_name"));
        Assert.All(calls, c => Assert.Equal(JuneRenewals, c.GetProperty("campaign_id").GetInt64()));
    }

    [Fact]
    public async Task Contacts_Enqueued_DrainOverTimeAndTheQueueCompletes()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var contacts = Enumerable.Range(0, 6).Select(i => (object)new { phone = OutcomeRules.NationalNumber(OutcomeRules.BusySuffix, i), person_name = $"Contact {i}" }).ToArray();

        var (_, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, true, contacts));
        var uploadId = body.Data().GetProperty("campaign_upload_id").GetInt64();
        var queued = Upload(await StatusAsync(host), uploadId).GetProperty("queues")[0];
        var before = await UploadCallsAsync(host, uploadId);
        host.Advance(TimeSpan.FromMinutes(5));
        var firstRound = Upload(await StatusAsync(host), uploadId).GetProperty("queues")[0];
        var busyOnce = await UploadCallsAsync(host, uploadId);

        // June Renewals retries twice, 30 minutes apart, so the queue completes only after the last retry.
        host.Advance(TimeSpan.FromMinutes(70));
        var drained = Upload(await StatusAsync(host), uploadId).GetProperty("queues")[0];
        var after = await UploadCallsAsync(host, uploadId);
        var detail = await StartCallTests.GetCallAsync(host, after[0].Str("call_id"));

        Assert.Equal(6, queued.GetProperty("total_queued").GetInt32());
        Assert.False(queued.GetProperty("completed").GetBoolean());
        Assert.All(before, c => Assert.Equal("in_progress", c.Str("status")));
        Assert.False(firstRound.GetProperty("completed").GetBoolean());
        Assert.All(busyOnce, c => Assert.Equal("busy", c.Str("status")));
        Assert.True(drained.GetProperty("completed").GetBoolean());
        Assert.All(after, c => Assert.Equal("busy", c.Str("status")));
        Assert.Equal(2, detail.GetProperty("retry_count").GetInt32());
        Assert.All(after, c => Assert.Equal(JsonValueKind.String, c.GetProperty("call_picked_at").ValueKind));
    }

    [Fact]
    public async Task Contacts_NumberAddedToDndWhileQueued_IsSkippedNotDialled()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var contacts = Enumerable.Range(0, 8).Select(i => (object)new { phone = OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix, i) }).ToArray();
        var (_, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, true, contacts));
        var uploadId = body.Data().GetProperty("campaign_upload_id").GetInt64();
        var target = OutcomeRules.E164(OutcomeRules.PickedSuffix, 7);

        var (dndStatus, _) = await client.PostJsonAsync("/v1/dnd_numbers", new { agent_uuid = host.Dialler().Uuid, phone = target });
        var atOnce = (await UploadCallsAsync(host, uploadId)).Single(c => c.Str("phone_number") == target);
        host.Advance(TimeSpan.FromMinutes(10));
        var calls = await UploadCallsAsync(host, uploadId);

        Assert.Equal(HttpStatusCode.Created, dndStatus);
        Assert.Equal("failed", atOnce.Str("status"));
        var skipped = calls.Single(c => c.Str("phone_number") == target);
        Assert.Equal("failed", skipped.Str("status"));
        Assert.Equal("dnd-skipped", skipped.Str("call_ended_reason"));
        Assert.Equal(JsonValueKind.Null, skipped.GetProperty("call_picked_at").ValueKind);
        Assert.All(calls.Where(c => c.Str("phone_number") != target), c => Assert.Equal("picked", c.Str("status")));
        Assert.True(Upload(await StatusAsync(host), uploadId).GetProperty("queues")[0].GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task InactiveCampaign_DoesNotDialButKeepsItsQueueUntilActivated()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        using var admin = host.Admin();
        var (paused, _) = await admin.PostJsonAsync($"/_simulator/campaigns/{JuneRenewals}/status", new { status = "inactive" });
        var contacts = Enumerate(3);
        var (_, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, true, contacts));
        var uploadId = body.Data().GetProperty("campaign_upload_id").GetInt64();

        host.Advance(TimeSpan.FromHours(1));
        var whilePaused = await UploadCallsAsync(host, uploadId);
        var pausedStatus = await StatusAsync(host);
        await admin.PostJsonAsync($"/_simulator/campaigns/{JuneRenewals}/status", new { status = "active" });
        host.Advance(TimeSpan.FromMinutes(5));
        var resumed = await UploadCallsAsync(host, uploadId);

        Assert.Equal(HttpStatusCode.OK, paused);
        Assert.Equal("inactive", pausedStatus.GetProperty("campaign").Str("status"));
        Assert.False(Upload(pausedStatus, uploadId).GetProperty("queues")[0].GetProperty("completed").GetBoolean());
        Assert.All(whilePaused, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("call_picked_at").ValueKind));
        Assert.All(resumed, c => Assert.Equal("voicemail", c.Str("status")));

        static object[] Enumerate(int count) => [.. Enumerable.Range(0, count).Select(i => (object)new { phone = OutcomeRules.NationalNumber(OutcomeRules.VoicemailSuffix, i) })];
    }

    [Fact]
    public async Task Contacts_WithRetries_RedialUntilTheThreshold()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var (_, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, true, new { phone = OutcomeRules.NationalNumber(OutcomeRules.PickedOnRetrySuffix) }));
        var uploadId = body.Data().GetProperty("campaign_upload_id").GetInt64();

        host.Advance(TimeSpan.FromMinutes(2));
        var first = (await UploadCallsAsync(host, uploadId)).Single();
        var waiting = Upload(await StatusAsync(host), uploadId).GetProperty("queues")[0].GetProperty("completed").GetBoolean();
        host.Advance(TimeSpan.FromMinutes(33));
        var retried = await StartCallTests.GetCallAsync(host, first.Str("call_id"));

        Assert.Equal("not_picked", first.Str("status"));
        Assert.False(waiting);
        Assert.Equal("picked", retried.Str("status"));
        Assert.Equal(1, retried.GetProperty("retry_count").GetInt32());
    }

    [Fact]
    public async Task Contacts_WithoutEnqueue_StoresAnUploadWithNoCalls()
    {
        await using var host = new SimHost();
        using var client = host.Api();

        var (_, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, false, new { phone = "9876543210" }));

        var data = body.Data();
        Assert.False(data.GetProperty("enqueued").GetBoolean());
        Assert.Equal(0, data.GetProperty("queued_calls").GetInt32());
        Assert.Empty(await UploadCallsAsync(host, data.GetProperty("campaign_upload_id").GetInt64()));
        Assert.Empty(Upload(await StatusAsync(host), data.GetProperty("campaign_upload_id").GetInt64()).GetProperty("queues").EnumerateArray());
    }

    [Fact]
    public async Task Contacts_BadRows_Returns400NamingEachRowAndStoresNothing()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var uploadsBefore = (await StatusAsync(host)).GetProperty("uploads").GetArrayLength();

        var (status, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, true,
            new { phone = "9876543210" }, new { phone = "12345" }, new { person_name = "No phone" }, new { phone = "9876543211", person_name = 42 }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = body.GetProperty("details").EnumerateArray().Select(d => d.Str("field")).ToList();
        Assert.Equal(["contacts[1].phone", "contacts[2].phone", "contacts[3].person_name"], fields);
        Assert.Equal(uploadsBefore, (await StatusAsync(host)).GetProperty("uploads").GetArrayLength());
    }

    [Fact]
    public async Task Contacts_MoreThanTenThousand_Returns400()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var contacts = Enumerable.Range(0, 10_001).Select(i => (object)new { phone = $"98{i:D8}" }).ToArray();

        var (status, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", Contacts(host, false, contacts));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("contacts", body.GetProperty("details")[0].Str("field"));
    }

    [Theory]
    [InlineData("agent_uuid")]
    [InlineData("contacts")]
    public async Task Contacts_MissingParam_Returns400ParamMissing(string missing)
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var body = missing == "contacts" ? (object)new { agent_uuid = host.Dialler().Uuid, contacts = Array.Empty<object>() } : new { contacts = new[] { new { phone = "9876543210" } } };

        var (status, response) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        response.AssertD1("param is missing or the value is empty: " + missing);
    }

    [Fact]
    public async Task Contacts_EnqueueOnAnAgentWithoutOutboundTrunk_Returns400()
    {
        await using var host = new SimHost();
        using var client = host.Api();
        var inboundOnly = host.Agent(where: a => !a.HasOutboundTrunk).Uuid;

        var (status, body) = await client.PostJsonAsync($"/v1/campaigns/{JuneRenewals}/contacts", new { agent_uuid = inboundOnly, contacts = new[] { new { phone = "9876543210" } }, enqueue = true });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("trunk", body.Str("error"), StringComparison.Ordinal);
    }
}
