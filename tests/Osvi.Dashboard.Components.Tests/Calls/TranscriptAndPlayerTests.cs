using Bunit;
using MudBlazor;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Calls;

public sealed class TranscriptAndPlayerTests : OsviTestContext
{
    private const string Id = "c-1";
    private readonly BunitJSModuleInterop _module;

    public TranscriptAndPlayerTests()
    {
        CallsPageSetup.Setup(this);
        _module = JSInterop.SetupModule(CallsScript.ModulePath);
    }

    private static readonly CallTranscriptView s_transcript = new(Id,
    [
        new TranscriptLine(0, Speaker.Agent, "Hello Ravi, can you confirm your appointment?", 1.32, 8.63),
        new TranscriptLine(1, Speaker.Customer, "Yes, I can. Can you send me the address?", 9.56, 13.79),
        new TranscriptLine(2, Speaker.Agent, "<img src=x onerror=alert(1)> Sent. Anything else I CAN do?", 14.81, 19.04),
    ]);

    private IRenderedComponent<TranscriptViewer> RenderTranscript(CallTranscriptView transcript, bool canSeek = true, Action<double>? onSeek = null, CallStatus? status = null) =>
        Render<TranscriptViewer>(parameters => parameters
            .Add(p => p.Result, ServiceResult<CallTranscriptView>.Success(transcript))
            .Add(p => p.Call, FakeCallsService.Call(1, status ?? CallStatus.Picked))
            .Add(p => p.CanSeek, canSeek)
            .Add(p => p.OnSeek, seconds => onSeek?.Invoke(seconds)));

    [Fact]
    public void Transcript_Lines_AreSpeakerBubblesWithOffsetsAndTheirTimesForTheHighlighter()
    {
        var cut = RenderTranscript(s_transcript);

        var turns = cut.FindAll(".osvi-turn");
        Assert.Equal(3, turns.Count);
        Assert.Contains("osvi-turn--customer", turns[1].ClassName, StringComparison.Ordinal);
        Assert.Equal(("9.56", "13.79"), (turns[1].GetAttribute("data-start"), turns[1].GetAttribute("data-end")));
        Assert.Equal("00:09", turns[1].QuerySelector(".osvi-turn-time")!.TextContent);
        Assert.Equal(Id, cut.Find("ol.osvi-transcript").GetAttribute("data-transcript-for"));
    }

    [Fact]
    public void Transcript_OsviText_IsRenderedAsTextNeverAsMarkup()
    {
        var cut = RenderTranscript(s_transcript);

        Assert.Empty(cut.FindAll(".osvi-transcript img"));
        Assert.Contains("<img src=x onerror=alert(1)>", cut.FindAll(".osvi-turn-bubble")[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Word_HighlightsEveryMatchAndNextPreviousWalkThemAround()
    {
        var cut = RenderTranscript(s_transcript);

        cut.Find("#transcript-search").Input("can");

        Assert.Equal(4, cut.FindAll("mark.osvi-match").Count);
        Assert.Equal("1 of 4", cut.Find("#transcript-match-count").TextContent);
        Assert.Equal("0", cut.Find("mark.osvi-match--current").GetAttribute("data-match"));
        Assert.Equal("can", cut.Find("mark.osvi-match--current").TextContent);
        cut.Find("#transcript-next").Click();
        Assert.Equal("2 of 4", cut.Find("#transcript-match-count").TextContent);
        Assert.Equal("1", cut.Find("mark.osvi-match--current").Closest("li")!.GetAttribute("data-index"));
        cut.Find("#transcript-previous").Click();
        cut.Find("#transcript-previous").Click();
        Assert.Equal("4 of 4", cut.Find("#transcript-match-count").TextContent);
        Assert.Equal("CAN", cut.Find("mark.osvi-match--current").TextContent);
        Assert.Contains(_module.Invocations, invocation => invocation.Identifier == "reveal" && Equals(invocation.Arguments[0], "#transcript-current-match"));
        await cut.InvokeAsync(() => cut.Find("#transcript-search").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" }));
        Assert.Equal("1 of 4", cut.Find("#transcript-match-count").TextContent);

        cut.Find("#transcript-search").Input("zebra");
        Assert.Equal("No matches", cut.Find("#transcript-match-count").TextContent);
        Assert.Empty(cut.FindAll("mark"));
    }

    [Fact]
    public void Copy_AsText_PutsTheWholeTranscriptOnTheClipboard()
    {
        var cut = RenderTranscript(s_transcript);

        cut.Find("#transcript-copy").Click();

        var copy = Assert.Single(_module.Invocations, invocation => invocation.Identifier == "copyText");
        Assert.Equal(s_transcript.ToPlainText(), copy.Arguments[0]);
        Assert.StartsWith("[00:01] Agent: Hello Ravi", (string)copy.Arguments[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_Clicked_AsksToPlayTheRecordingFromItsStart()
    {
        List<double> seeks = [];
        var cut = RenderTranscript(s_transcript, onSeek: seeks.Add);

        cut.FindAll(".osvi-turn-time")[1].Click();
        cut.FindAll(".osvi-turn-bubble")[2].Click();

        Assert.Equal([9.56, 14.81], seeks);
    }

    [Fact]
    public void Line_NoRecording_OffsetsAreNotButtons()
    {
        var cut = RenderTranscript(s_transcript, canSeek: false);

        Assert.Empty(cut.FindAll("button.osvi-turn-time"));
        Assert.Equal(3, cut.FindAll("span.osvi-turn-time").Count);
    }

    [Theory]
    [InlineData("not_picked", "the call was not answered")]
    [InlineData("in_progress", "appears here when the call ends")]
    [InlineData("picked", "OSVI captured no transcript")]
    public void Transcript_Empty_SaysWhy(string status, string expected)
    {
        var cut = RenderTranscript(new CallTranscriptView(Id, []), status: CallStatus.From(status));

        Assert.Contains(expected, cut.Find("#transcript-empty").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<RecordingPlayer> RenderPlayer(ServiceResult<RecordingAvailability>? availability, CallStatus? status = null) =>
        Render<RecordingPlayer>(parameters => parameters
            .Add(p => p.CallId, Id)
            .Add(p => p.Status, status ?? CallStatus.Picked)
            .Add(p => p.Availability, availability)
            .Add(p => p.TranscriptSelector, "[data-transcript-for='c-1']"));

    [Fact]
    public void Player_Recording_StreamsFromTheDashboardAndConnectsToTheTranscript()
    {
        var cut = RenderPlayer(ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(Id, true)));

        Assert.Equal("recordings/c-1", cut.Find("audio#call-audio").GetAttribute("src"));
        Assert.Equal("recordings/c-1?download=1", cut.Find("a#download-recording").GetAttribute("href"));
        Assert.True(cut.Find("a#download-recording").HasAttribute("download"));
        var attach = Assert.Single(_module.Invocations, invocation => invocation.Identifier == "attachPlayer");
        Assert.Equal("[data-transcript-for='c-1']", attach.Arguments[1]);
    }

    [Fact]
    public async Task Player_Controls_PlaySkipAndChangeSpeedInTheBrowser()
    {
        var cut = RenderPlayer(ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(Id, true)));

        cut.Find("#play-toggle").Click();
        cut.Find("#skip-back").Click();
        cut.Find("#skip-forward").Click();
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<double>>().Instance.ValueChanged.InvokeAsync(1.5));
        await cut.InvokeAsync(() => cut.Instance.SeekAsync(12.5));

        Assert.Single(_module.Invocations, invocation => invocation.Identifier == "toggle");
        Assert.Equal([-10, 10], _module.Invocations.Where(i => i.Identifier == "skip").Select(i => (int)i.Arguments[1]!));
        Assert.Equal(1.5, (double)Assert.Single(_module.Invocations, i => i.Identifier == "setRate").Arguments[1]!);
        Assert.Equal(12.5, (double)Assert.Single(_module.Invocations, i => i.Identifier == "seek").Arguments[1]!);
        Assert.Equal([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], cut.FindComponents<MudSelectItem<double>>().Select(item => item.Instance.Value));
    }

    [Fact]
    public async Task Player_BrowserReportsPlaying_ButtonOffersPauseAndAProblemIsExplained()
    {
        var cut = RenderPlayer(ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(Id, true)));

        await cut.InvokeAsync(() => cut.Instance.OnPlayerState(new RecordingPlayer.PlayerState(true, 1.25, 47, null)));
        Assert.Equal("Pause", cut.Find("#play-toggle").GetAttribute("aria-label"));
        Assert.Equal("playing", cut.Find("#play-toggle").GetAttribute("data-state"));

        await cut.InvokeAsync(() => cut.Instance.OnPlayerState(new RecordingPlayer.PlayerState(false, 1.25, 47, "network")));
        Assert.Equal("Play", cut.Find("#play-toggle").GetAttribute("aria-label"));
        Assert.Contains("stopped loading", cut.Find("#recording-problem").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Player_LoadFailsUnderAnOsviFault_ShowsTheDashboardsMessageInPlaceOfThePlayerAndTryAgainLoadsAfresh()
    {
        var cut = RenderPlayer(ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(Id, true)));

        // What the browser reports when /recordings/c-1 answered 502 before any audio arrived.
        await cut.InvokeAsync(() => cut.Instance.OnPlayerState(new RecordingPlayer.PlayerState(false, 1, null, "unsupported", 502,
            "The recording could not be loaded: OSVI had an internal error (HTTP 500); try again later.")));

        Assert.Equal("The recording did not load. OSVI had an internal error (HTTP 500); try again later.",
            string.Join(' ', cut.Find("#recording-failed .mud-alert-message").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(cut.FindAll("audio"));
        Assert.Empty(cut.FindAll("#play-toggle, #recording-problem, .osvi-error"));

        // The fault is gone: a new audio element asks the dashboard again and is connected to the transcript again.
        await cut.InvokeAsync(() => cut.Find("#recording-retry").Click());

        cut.WaitForAssertion(() => Assert.Equal(2, _module.Invocations.Count(invocation => invocation.Identifier == "attachPlayer")));
        Assert.Equal("recordings/c-1", cut.Find("audio#call-audio").GetAttribute("src"));
        Assert.Empty(cut.FindAll("#recording-failed"));
        await cut.InvokeAsync(() => cut.Instance.OnPlayerState(new RecordingPlayer.PlayerState(true, 1, 47, null)));
        Assert.Equal("playing", cut.Find("#play-toggle").GetAttribute("data-state"));
    }

    [Theory]
    [InlineData(0, "The recording did not load. The dashboard could not be reached. Check the connection.")]
    [InlineData(404, "The recording did not load. This call has no recording.")]
    [InlineData(504, "The recording did not load. The dashboard answered HTTP 504.")]
    [InlineData(206, "The recording did not load. Try again, or use Download.")]
    public async Task Player_LoadFailsWithoutAMessage_SaysWhatTheStatusMeans(int status, string expected)
    {
        var cut = RenderPlayer(ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(Id, true)));

        await cut.InvokeAsync(() => cut.Instance.OnPlayerState(new RecordingPlayer.PlayerState(false, 1, null, "network", status)));

        Assert.Equal(expected, string.Join(' ', cut.Find("#recording-failed .mud-alert-message").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(cut.FindAll("audio"));
    }

    [Fact]
    public void Player_NoRecording_IsAClearStateNotAnError()
    {
        var cut = RenderPlayer(ServiceResult<RecordingAvailability>.Success(new RecordingAvailability(Id, false)), CallStatus.Busy);

        Assert.Contains("No recording", cut.Find("#recording-none").TextContent, StringComparison.Ordinal);
        Assert.Contains("Only answered calls are recorded", cut.Find("#recording-none").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("audio"));
        Assert.Empty(cut.FindAll(".osvi-error"));
    }

    [Fact]
    public void Player_LookupFailed_ShowsOsvisErrorWithRetry()
    {
        var retried = 0;
        var cut = Render<RecordingPlayer>(parameters => parameters
            .Add(p => p.CallId, Id)
            .Add(p => p.Availability, ServiceResult<RecordingAvailability>.Failed(new OsviError(OsviErrorKind.ServerError, 500, "Internal server error", [])))
            .Add(p => p.OnRetry, () => retried++));

        Assert.Contains("Could not load the recording: OSVI had an internal error", cut.Find(".osvi-error").TextContent, StringComparison.Ordinal);
        cut.Find(".osvi-error-retry").Click();
        Assert.Equal(1, retried);
    }
}
