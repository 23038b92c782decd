using System.Text.Json;
using Bunit;
using Osvi.Client;
using Osvi.Client.Contracts;
using CallDetailPage = Osvi.Dashboard.Components.Pages.CallDetail;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Calls;

public sealed class CallDetailTests : OsviTestContext
{
    private const string Id = "a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private readonly FakeCallsService _calls;

    public CallDetailTests() => _calls = CallsPageSetup.Setup(this);

    private static CallDetailView Answered(string summary = "The customer confirmed their appointment for Friday at 4 PM.") =>
        new(FakeCallsService.Call(1, CallStatus.Picked) with { CallId = Id, DurationSeconds = 3725, EndedBy = "user", EndedReason = "customer-ended-call" })
        {
            CallerName = "Ravi Kumar",
            RetryCount = 1,
            Summary = summary,
            DataCaptured = DataField.From(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"email":"ravi@example.com","confirmed":true}""")),
            PostCallAnalysis = DataField.From(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"sentiment":"positive","callback_required":false}""")),
        };

    private IRenderedComponent<CallDetailPage> RenderCall() => Render<CallDetailPage>(parameters => parameters.Add(p => p.CallId, Id));

    [Fact]
    public void Render_AnsweredCall_ShowsHeaderExplanationSummaryDataAnalysisAndTag()
    {
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(Answered());

        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.Equal("Call with +91 98765 00001", cut.Find("h1").TextContent));
        Assert.Equal("picked", cut.Find("#call-header .osvi-call-status").GetAttribute("data-status"));
        Assert.Equal("Answered", cut.Find("#call-headline").TextContent);
        Assert.Contains("The customer hung up", cut.Find("#call-header").TextContent, StringComparison.Ordinal);
        Assert.Contains("Check the transcript", cut.Find("#call-next-step").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 h 02 m 05 s", cut.Find("#fact-duration").TextContent);
        Assert.Equal("1", cut.Find("#fact-retries").TextContent);
        Assert.Contains("12 Jun 2026, 10:59:04", cut.Find("#fact-picked").TextContent, StringComparison.Ordinal);
        Assert.Equal("campaigns/7", cut.Find("#fact-campaign a").GetAttribute("href"));
        Assert.Equal("calls?campaign_id=7&campaign_upload_id=19", cut.FindAll("#fact-campaign a")[1].GetAttribute("href"));
        Assert.Contains("interested", cut.Find("#fact-tag").TextContent, StringComparison.Ordinal);
        Assert.Contains("Friday at 4 PM", cut.Find("#call-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal("ravi@example.com", cut.Find("#data-captured-table tr[data-key=email] td").TextContent.Trim());
        Assert.Equal("yes", cut.Find("#data-captured-table tr[data-key=confirmed] td").TextContent.Trim());
        Assert.Equal("Callback required", cut.Find("#analysis-table tr[data-key=callback_required] th").TextContent);
        Assert.Empty(cut.FindAll("#call-live"));
    }

    [Fact]
    public void Render_Operator_LinksToCallAgainTheDndDialogAndThisNumbersCalls()
    {
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(Answered());

        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#call-again")));
        Assert.Equal($"dnd?agent_uuid=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og&add=%2B919876500001&call_id={Id}", cut.Find("a#add-to-dnd").GetAttribute("href"));
        Assert.Equal("calls?phone_number=919876500001", cut.Find("a#number-calls").GetAttribute("href"));
    }

    [Fact]
    public void Render_Viewer_NoActionsThatChangeAnything()
    {
        UseRole(DashboardRoles.Viewer);
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(Answered());

        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#call-header")));
        Assert.Empty(cut.FindAll("#call-again"));
        Assert.Empty(cut.FindAll("#add-to-dnd"));
        Assert.Equal("Call with +•• ••••• •0001", cut.Find("h1").TextContent);
    }

    [Fact]
    public void Render_OsviTextWithMarkup_IsShownAsTextNeverAsMarkup()
    {
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(Answered("<script>alert('x')</script><img src=x onerror=alert(1)>"));

        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.Contains("<script>alert('x')</script>", cut.Find("#call-summary").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#call-summary script"));
        Assert.Empty(cut.FindAll("#call-summary img"));
    }

    [Fact]
    public async Task Live_CallInProgress_FollowsTheSharedFeedUntilItEndsThenLoadsTranscriptAndRecording()
    {
        var inProgress = new CallDetailView(FakeCallsService.Call(1, CallStatus.InProgress) with { CallId = Id, PickedAt = null, DurationSeconds = 0, EndedBy = null, EndedReason = null, Tag = null });
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(inProgress);
        var key = new CallDetailKey(Id);

        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.Equal("Waiting to be dialled", cut.Find("#call-headline").TextContent));
        Assert.NotEmpty(cut.FindAll("#call-live"));
        Assert.Equal(1, Live.SubscriberCount(key));
        Assert.Contains("appears here when the call ends", cut.Find("#recording").TextContent, StringComparison.Ordinal);
        Assert.Empty(_calls.TranscriptRequests);

        await Live.PublishValueAsync(key, inProgress with { PickedAt = OsviTestContext.Start });
        cut.WaitForAssertion(() => Assert.Equal("Under way", cut.Find("#call-headline").TextContent));

        _calls.Transcripts[Id] = ServiceResult<CallTranscriptView>.Success(new CallTranscriptView(Id, [new TranscriptLine(0, Speaker.Agent, "Hello", 1, 2)]));
        await Live.PublishValueAsync(key, Answered());

        cut.WaitForAssertion(() => Assert.Equal("Answered", cut.Find("#call-headline").TextContent));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".osvi-turn")));
        Assert.Equal([Id], _calls.TranscriptRequests);
        Assert.Empty(cut.FindAll("#call-live"));
        Assert.Equal(0, Live.SubscriberCount(key));
    }

    [Fact]
    public async Task Live_RefreshFails_KeepsTheLastKnownCallAndSaysSo()
    {
        var inProgress = new CallDetailView(FakeCallsService.Call(1, CallStatus.InProgress) with { CallId = Id });
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(inProgress);
        var cut = RenderCall();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#call-live")));

        await Live.PublishErrorAsync(new CallDetailKey(Id), new OsviError(OsviErrorKind.RateLimited, 429, "Too many requests", [], TimeSpan.FromSeconds(30)));

        cut.WaitForAssertion(() => Assert.Contains("Refreshing the call failed", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("Under way", cut.Find("#call-headline").TextContent);
    }

    [Fact]
    public void Render_UnknownCall_SaysSoAndPointsToTheLog()
    {
        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.Contains("OSVI has no call with the id", cut.Find("#call-not-found").TextContent, StringComparison.Ordinal));
        Assert.Equal("calls", cut.Find("#call-not-found a").GetAttribute("href"));
    }

    [Fact]
    public void Render_OsviUnreachable_ShowsTheErrorWithRetry()
    {
        _calls.Details[Id] = ServiceResult<CallDetailView>.Failed(new OsviError(OsviErrorKind.Unreachable, null, "Connection refused", []));
        var cut = RenderCall();
        cut.WaitForAssertion(() => Assert.Contains("Could not load the call: OSVI could not be reached", cut.Markup, StringComparison.Ordinal));

        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(Answered());
        cut.Find(".osvi-error-retry").Click();

        cut.WaitForAssertion(() => Assert.Equal("Answered", cut.Find("#call-headline").TextContent));
    }

    [Fact]
    public void Render_NotAnsweredCall_ExplainsTheMissingRecordingAndTranscript()
    {
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(new CallDetailView(FakeCallsService.Call(3) with { CallId = Id }));

        var cut = RenderCall();

        cut.WaitForAssertion(() => Assert.Contains("Only answered calls are recorded", cut.Find("#recording-none").TextContent, StringComparison.Ordinal));
        Assert.Contains("the call was not answered (not answered)", cut.Find("#transcript-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("retry window", cut.Find("#call-next-step").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Navigate_ToAnotherCall_ShowsThatCall()
    {
        _calls.Details[Id] = ServiceResult<CallDetailView>.Success(Answered());
        _calls.Details["other"] = ServiceResult<CallDetailView>.Success(new CallDetailView(FakeCallsService.Call(3) with { CallId = "other" }));
        var cut = RenderCall();
        cut.WaitForAssertion(() => Assert.Equal("Answered", cut.Find("#call-headline").TextContent));

        cut.Render(parameters => parameters.Add(p => p.CallId, "other"));

        cut.WaitForAssertion(() => Assert.Equal("Nobody answered", cut.Find("#call-headline").TextContent));
    }
}
