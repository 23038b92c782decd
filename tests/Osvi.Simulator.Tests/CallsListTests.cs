using System.Globalization;
using System.Net;
using System.Text.Json;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class CallsListTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    private static List<JsonElement> Items(JsonElement body) => [.. body.Data().EnumerateArray()];

    private static DateTimeOffset Time(JsonElement call, string name) => DateTimeOffset.Parse(call.Str(name), CultureInfo.InvariantCulture);

    [Fact]
    public async Task List_Default_Returns25NewestFirstWithMeta()
    {
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/calls");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        var items = Items(body);
        Assert.Equal(25, items.Count);
        var created = items.Select(c => Time(c, "created_at")).ToList();
        Assert.Equal(created.OrderByDescending(t => t), created);
        var meta = body.GetProperty("meta");
        var total = meta.GetProperty("total_count").GetInt32();
        Assert.True(total >= 5_000, $"expected 5,000+ seeded calls, got {total}");
        Assert.Equal(1, meta.GetProperty("current_page").GetInt32());
        Assert.Equal(25, meta.GetProperty("per_page").GetInt32());
        Assert.Equal((total + 24) / 25, meta.GetProperty("total_pages").GetInt32());
        Assert.All(items, c => Assert.EndsWith("+05:30", c.Str("created_at"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_Summary_HasEveryDocumentedField()
    {
        using var client = shared.Host.Api();

        var (_, body) = await client.GetJsonAsync("/v1/calls?status=picked&per_page=1");

        var call = Items(body)[0];
        string[] fields = ["call_id", "agent_uuid", "agent_name", "phone_number", "from_number", "status", "call_type", "duration_seconds", "call_ended_by",
            "call_ended_reason", "campaign_id", "campaign_upload_id", "tag", "created_at", "call_picked_at"];
        Assert.Equal(fields, call.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", call.Str("call_id"));
        Assert.Matches(@"^\+91[6-9]\d{9}$", call.Str("phone_number"));
    }

    [Fact]
    public async Task List_PerPageOver100_IsClampedTo100()
    {
        using var client = shared.Host.Api();

        var (_, body) = await client.GetJsonAsync("/v1/calls?per_page=500");

        Assert.Equal(100, Items(body).Count);
        Assert.Equal(100, body.GetProperty("meta").GetProperty("per_page").GetInt32());
    }

    [Fact]
    public async Task List_PagePastTheEnd_ReturnsEmptyDataWithCorrectMeta()
    {
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/calls?per_page=100&page=1000");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(Items(body));
        var meta = body.GetProperty("meta");
        Assert.Equal(1000, meta.GetProperty("current_page").GetInt32());
        Assert.Equal((meta.GetProperty("total_count").GetInt32() + 99) / 100, meta.GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task List_Pages_DoNotOverlap()
    {
        using var client = shared.Host.Api();

        var (_, first) = await client.GetJsonAsync("/v1/calls?per_page=10&page=1");
        var (_, second) = await client.GetJsonAsync("/v1/calls?per_page=10&page=2");

        Assert.Empty(Items(first).Select(c => c.Str("call_id")).Intersect(Items(second).Select(c => c.Str("call_id"))));
        Assert.True(Time(Items(first)[^1], "created_at") >= Time(Items(second)[0], "created_at"));
    }

    [Fact]
    public async Task List_StatusCsv_ReturnsOnlyThoseStatuses()
    {
        using var client = shared.Host.Api();

        var (_, body) = await client.GetJsonAsync("/v1/calls?status=busy,voicemail&per_page=100");

        var statuses = Items(body).Select(c => c.Str("status")).ToHashSet();
        Assert.Equal(["busy", "voicemail"], statuses.Order());
    }

    [Fact]
    public async Task Seed_History_HasABelievableSpreadOfOutcomesOverThirtyDays()
    {
        using var client = shared.Host.Api();
        var counts = new Dictionary<string, int>();
        foreach (var status in CallStatuses.All)
        {
            var (_, body) = await client.GetJsonAsync($"/v1/calls?status={status}&per_page=1");
            counts[status] = body.GetProperty("meta").GetProperty("total_count").GetInt32();
        }

        var (_, oldest) = await client.GetJsonAsync($"/v1/calls?per_page=100&page=1000000");
        var total = oldest.GetProperty("meta").GetProperty("total_count").GetInt32();
        var lastPage = oldest.GetProperty("meta").GetProperty("total_pages").GetInt32();
        var (_, tail) = await client.GetJsonAsync($"/v1/calls?per_page=100&page={lastPage}");

        Assert.Equal(total, counts.Values.Sum());
        Assert.InRange(counts["picked"] / (double)total, 0.45, 0.75);
        Assert.All(["not_picked", "busy", "voicemail", "failed"], s => Assert.True(counts[s] > 50, $"{s}: {counts[s]}"));
        var oldestCall = Time(Items(tail)[^1], "created_at");
        Assert.InRange((SimHost.Start - oldestCall).TotalDays, 27, 30.01);
    }

    [Fact]
    public async Task List_UnknownStatus_Returns400WithFieldDetails()
    {
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/calls?status=picked,answered");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("status", body.GetProperty("details")[0].Str("field"));
        Assert.Contains("answered", body.Str("error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start_date=yesterday")]
    [InlineData("end_date=2026-13-45")]
    [InlineData("start_date=12/06/2026")]
    [InlineData("page=abc")]
    [InlineData("campaign_id=seven")]
    [InlineData("call_type=sideways")]
    public async Task List_BadQueryValue_Returns400NotA500(string query)
    {
        using var client = shared.Host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/calls?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("details").ValueKind);
    }

    [Fact]
    public async Task List_PartialPhone_MatchesSubstringOfTheNumber()
    {
        using var client = shared.Host.Api();
        var (_, any) = await client.GetJsonAsync("/v1/calls?per_page=1&page=40");
        var phone = Items(any)[0].Str("phone_number");
        var fragment = phone.Substring(5, 6);

        var (_, body) = await client.GetJsonAsync($"/v1/calls?phone_number={fragment}&per_page=100");

        Assert.NotEmpty(Items(body));
        Assert.All(Items(body), c => Assert.Contains(fragment, c.Str("phone_number"), StringComparison.Ordinal));
        Assert.Contains(Items(body), c => c.Str("phone_number") == phone);
    }

    [Fact]
    public async Task List_AgentAndCampaignAndUploadAndTypeFilters_Narrow()
    {
        using var client = shared.Host.Api();
        var support = shared.Host.Agent(where: a => a.Name == "Support Line").Uuid;

        var (_, byAgent) = await client.GetJsonAsync($"/v1/calls?agent_uuid={support}&per_page=100");
        var (_, byCampaign) = await client.GetJsonAsync("/v1/calls?campaign_id=8&per_page=100");
        var upload = Items(byCampaign)[0].GetProperty("campaign_upload_id").GetInt64();
        var (_, byUpload) = await client.GetJsonAsync($"/v1/calls?campaign_upload_id={upload}&per_page=100");
        var (_, inbound) = await client.GetJsonAsync("/v1/calls?call_type=inbound&per_page=100");

        Assert.All(Items(byAgent), c => Assert.Equal(support, c.Str("agent_uuid")));
        Assert.All(Items(byCampaign), c => Assert.Equal(8, c.GetProperty("campaign_id").GetInt64()));
        Assert.All(Items(byUpload), c => Assert.Equal(upload, c.GetProperty("campaign_upload_id").GetInt64()));
        Assert.NotEmpty(Items(inbound));
        Assert.All(Items(inbound), c => Assert.Equal("inbound", c.Str("call_type")));
    }

    [Fact]
    public async Task List_AgentOfAnotherAccount_Returns404()
    {
        using var client = shared.Host.Api();
        var foreign = shared.Host.Agent(account: 1).Uuid;

        var (status, body) = await client.GetJsonAsync($"/v1/calls?agent_uuid={foreign}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        body.AssertD1("Not found");
    }

    [Fact]
    public async Task List_SecondAccount_SeesNoneOfThePrimaryCalls()
    {
        using var primary = shared.Host.Api();
        using var secondary = shared.Host.Api(SimulatorDefaults.SecondaryToken);

        var (_, mine) = await secondary.GetJsonAsync("/v1/calls?per_page=100");
        var (_, theirs) = await primary.GetJsonAsync("/v1/calls?per_page=100");

        var own = shared.Host.World.GetAccounts()[1].Agents.Select(a => a.Uuid).ToHashSet();
        Assert.All(Items(mine), c => Assert.Contains(c.Str("agent_uuid"), own));
        Assert.Empty(Items(mine).Select(c => c.Str("call_id")).Intersect(Items(theirs).Select(c => c.Str("call_id"))));
    }

    [Fact]
    public async Task List_DateFilter_IsInclusiveOnCallPickedAtAndLeavesOutUndialledCalls()
    {
        using var client = shared.Host.Api();
        var from = SimHost.Start.AddDays(-3);
        var to = SimHost.Start.AddDays(-2);

        var (_, body) = await client.GetJsonAsync($"/v1/calls?start_date={Uri.EscapeDataString(from.ToString("O"))}&end_date={Uri.EscapeDataString(to.ToString("O"))}&per_page=100");

        Assert.NotEmpty(Items(body));
        Assert.All(Items(body), c =>
        {
            Assert.Equal(JsonValueKind.String, c.GetProperty("call_picked_at").ValueKind);
            Assert.InRange(Time(c, "call_picked_at"), from.AddSeconds(-1), to);
        });
    }

    [Fact]
    public async Task List_DateOnlyEndDate_CoversTheWholeIstDay()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        var ist = TimeSpan.FromHours(5.5);
        var lateEvening = new DateTimeOffset(2026, 6, 10, 23, 58, 0, ist);
        var (_, created) = await admin.PostJsonAsync("/_simulator/calls", new { DurationSeconds = 30, CreatedAt = lateEvening });
        var id = created.Str("call_id");
        using var client = host.Api();

        var (_, sameDay) = await client.GetJsonAsync($"/v1/calls?start_date=2026-06-10&end_date=2026-06-10&per_page=100&status=picked");
        var (_, nextDay) = await client.GetJsonAsync($"/v1/calls?start_date=2026-06-11&end_date=2026-06-11&per_page=100");
        var (_, unencodedPlus) = await client.GetJsonAsync($"/v1/calls?start_date=2026-06-10T23:58:00+05:30&end_date=2026-06-10T23:59:59+05:30");

        Assert.Contains(Items(sameDay), c => c.Str("call_id") == id);
        Assert.DoesNotContain(Items(nextDay), c => c.Str("call_id") == id);
        Assert.Contains(Items(unencodedPlus), c => c.Str("call_id") == id);
        Assert.All(Items(sameDay), c => Assert.Equal(new DateOnly(2026, 6, 10), DateOnly.FromDateTime(Time(c, "call_picked_at").ToOffset(ist).DateTime)));
    }

    [Fact]
    public async Task List_IntroValidationStyle_Returns422WithErrorsArray()
    {
        await using var host = new SimHost(settings: ("Simulator:ValidationStyle", "Intro"));
        using var client = host.Api();

        var (status, body) = await client.GetJsonAsync("/v1/calls?status=nope");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Contains("nope", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Seed_SameSeedAndClock_GivesTheSameWorld()
    {
        await using var other = new SimHost();
        using var a = shared.Host.Api();
        using var b = other.Api();

        var first = await a.GetStringAsync("/v1/calls?per_page=100&page=7", Http.Ct);
        var second = await b.GetStringAsync("/v1/calls?per_page=100&page=7", Http.Ct);

        Assert.Equal(first, second);
    }
}
