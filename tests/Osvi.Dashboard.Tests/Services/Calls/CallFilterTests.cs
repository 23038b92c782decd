using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Tests.Services.Calls;

public sealed class CallFilterTests
{
    [Fact]
    public void FromUri_EveryOsviFilter_ReadsThemAndWritesTheSameUrlBack()
    {
        const string url = "calls?status=picked,busy&agent_uuid=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og&campaign_id=7&campaign_upload_id=19" +
            "&phone_number=98765&call_type=outbound&start_date=2026-06-01&end_date=2026-06-12&page=3&per_page=50";

        var view = CallLogView.FromUri("https://dash.example/" + url);

        Assert.Equal([CallStatus.Picked, CallStatus.Busy], view.Filter.Statuses);
        Assert.Equal("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", view.Filter.AgentUuid);
        Assert.Equal(7, view.Filter.CampaignId);
        Assert.Equal(19, view.Filter.CampaignUploadId);
        Assert.Equal("98765", view.Filter.PhoneNumber);
        Assert.Equal(CallType.Outbound, view.Filter.CallType);
        Assert.Equal(new DateOnly(2026, 6, 1), view.Filter.StartDay);
        Assert.Equal(new DateOnly(2026, 6, 12), view.Filter.EndDay);
        Assert.Equal((3, 50), (view.Page, view.PerPage));
        Assert.Equal(url, view.ToRelativeUrl());
    }

    [Fact]
    public void FromUri_ValuesOsviWouldReject_AreLeftOutSoTheLinkStillOpens()
    {
        var view = CallLogView.FromUri("calls?status=picked,nonsense&campaign_id=seven&call_type=sideways&start_date=yesterday&page=-2&per_page=1000");

        Assert.Equal([CallStatus.Picked], view.Filter.Statuses);
        Assert.Null(view.Filter.CampaignId);
        Assert.Null(view.Filter.CallType);
        Assert.Null(view.Filter.StartDate);
        Assert.Equal((1, CallLogView.DefaultPerPage), (view.Page, view.PerPage));
    }

    [Fact]
    public void FromUri_StatusesInAnyOrder_AreKeptInTheDocumentedOrderSoEqualFiltersAreEqual()
    {
        var a = CallFilter.FromUri("calls?status=busy,picked");
        var b = CallFilter.FromUri("calls?status=picked,busy");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new CallLogPageKey(new CallLogView(a, 1, 25)), new CallLogPageKey(new CallLogView(b, 1, 25)));
    }

    [Fact]
    public void FromUri_ExactTimestampFromALink_IsKeptAsOsviTakesIt()
    {
        var filter = CallFilter.FromUri("calls?start_date=" + Uri.EscapeDataString("2026-06-01T10:00:00+05:30"));

        Assert.Equal("2026-06-01T10:00:00+05:30", filter.StartDate);
        Assert.Null(filter.StartDay);
    }

    [Fact]
    public void ToApiQuery_Filter_MapsEveryFieldToOsvisQuery()
    {
        var filter = new CallFilter
        {
            Statuses = [CallStatus.NotPicked, CallStatus.Voicemail],
            AgentUuid = "agent_x",
            CampaignId = 9,
            CampaignUploadId = 31,
            PhoneNumber = "+9198",
            CallType = CallType.Inbound,
            StartDate = "2026-06-01",
            EndDate = "2026-06-02",
        };

        var query = filter.ToApiQuery(4, 100);

        Assert.Equal(["not_picked", "voicemail"], query.Status);
        Assert.Equal(("agent_x", 9L, 31L, "+9198", "inbound"), (query.AgentUuid, query.CampaignId!.Value, query.CampaignUploadId!.Value, query.PhoneNumber, query.CallType));
        Assert.Equal(("2026-06-01", "2026-06-02", 4, 100), (query.StartDate, query.EndDate, query.Page!.Value, query.PerPage!.Value));
    }

    [Fact]
    public void ToRelativeUrl_DefaultView_IsThePlainPath()
    {
        Assert.Equal("calls", CallLogView.Default.ToRelativeUrl());
        Assert.True(CallLogView.FromUri("calls").Filter.IsEmpty);
    }
}
