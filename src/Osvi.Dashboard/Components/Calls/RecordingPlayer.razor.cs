using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>A call's recording, streamed through the dashboard's own <c>/recordings/{id}</c> (the browser never sees
/// OSVI's presigned URL): play/pause, ±10 s, speed 0.5×–2×, download, and seeking from the transcript. The playing
/// line of the transcript is marked in the browser (no server round trip per tick).</summary>
public sealed partial class RecordingPlayer
{
    private static readonly double[] s_rates = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

    private ElementReference _audio;
    private DotNetObjectReference<RecordingPlayer>? _self;
    private bool _attached;
    private bool _playing;
    private double _rate = 1;
    private string? _problem;
    private string? _loadFailure;

    [Inject]
    public required CallsScript Script { get; init; }

    /// <summary>The call.</summary>
    [Parameter, EditorRequired]
    public required string CallId { get; set; }

    /// <summary>The call's status (explains a missing recording).</summary>
    [Parameter]
    public CallStatus Status { get; set; }

    /// <summary>Whether there is a recording; null while checking.</summary>
    [Parameter]
    public ServiceResult<RecordingAvailability>? Availability { get; set; }

    /// <summary>The CSS selector of the transcript whose lines follow the playback.</summary>
    [Parameter]
    public string? TranscriptSelector { get; set; }

    /// <summary>Checks again.</summary>
    [Parameter]
    public EventCallback OnRetry { get; set; }

    /// <summary>True when a recording is there to play.</summary>
    public bool IsReady => Availability is { Succeeded: true, Value.HasRecording: true };

    // A recording that failed to load (OSVI or its storage failing, say) shows why and a way to try again instead.
    private bool ShowsAudio => IsReady && _loadFailure is null;

    private string NoRecordingReason => Status == CallStatus.InProgress
        ? "The recording appears here when the call ends."
        : Status == CallStatus.Picked
            ? "OSVI has no recording of this call."
            : "Only answered calls are recorded, and this one was not answered.";

    protected override void OnParametersSet()
    {
        if (!IsReady)
        {
            // The audio element goes away; a later recording gets a new one to attach to.
            _attached = false;
            _playing = false;
            _loadFailure = null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (ShowsAudio && !_attached)
        {
            _attached = true;
            _self ??= DotNetObjectReference.Create(this);
            await Script.InvokeVoidAsync("attachPlayer", _audio, TranscriptSelector ?? "", _self);
        }
    }

    /// <summary>Plays from <paramref name="seconds"/> into the recording.</summary>
    public async Task SeekAsync(double seconds)
    {
        if (ShowsAudio)
        {
            await Script.InvokeVoidAsync("seek", _audio, seconds);
        }
    }

    /// <summary>Called by the browser when playback starts, stops, changes speed or fails.</summary>
    [JSInvokable]
    public Task OnPlayerState(PlayerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Error is not null && state.Duration is null)
        {
            _loadFailure = LoadFailureText(state);
            _attached = false;
            _playing = false;
            return InvokeAsync(StateHasChanged);
        }

        _playing = state.Playing;
        _rate = state.Rate is >= 0.5 and <= 2 ? state.Rate : _rate;
        _problem = state.Error switch
        {
            null => null,
            "network" => "The recording stopped loading. Check the connection and press play again.",
            "unsupported" => "The recording could not be loaded: it may have been removed, or this browser cannot play its format. Try Download.",
            _ => "The recording could not be played. Try Download.",
        };
        return InvokeAsync(StateHasChanged);
    }

    // The dashboard's own answer when it gave one (it names OSVI's failure and never holds a URL or the token).
    private static string LoadFailureText(PlayerState state) => state switch
    {
        { Message: { Length: > 0 } message } when message.StartsWith(RecordingEndpoint.FailurePrefix, StringComparison.Ordinal) =>
            message[RecordingEndpoint.FailurePrefix.Length..],
        { Message: { Length: > 0 } message } => message,
        { Status: 0 } => "The dashboard could not be reached. Check the connection.",
        { Status: 401 } => "Your session has ended; sign in again.",
        { Status: 403 } => "You are not allowed to play recordings.",
        { Status: 404 } => "This call has no recording.",
        { Status: >= 500 and var status } => $"The dashboard answered HTTP {status}.",
        _ => "Try again, or use Download.",
    };

    // A new audio element asks the dashboard afresh; the dashboard asks OSVI again (failures are never cached).
    private void TryAgain()
    {
        _loadFailure = null;
        _problem = null;
    }

    private async Task ToggleAsync() => await Script.InvokeVoidAsync("toggle", _audio);

    private async Task SkipAsync(int seconds) => await Script.InvokeVoidAsync("skip", _audio, seconds);

    private async Task SetRateAsync(double rate)
    {
        _rate = rate;
        await Script.InvokeVoidAsync("setRate", _audio, rate);
    }

    private static string RateLabel(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture) + "×";

    public async ValueTask DisposeAsync()
    {
        if (_attached)
        {
            try
            {
                await Script.InvokeVoidAsync("detachPlayer", _audio);
            }
            catch (JSDisconnectedException)
            {
                // The page is gone with the circuit.
            }
        }

        _self?.Dispose();
    }

    /// <summary>What the browser reports about playback.</summary>
    /// <param name="Playing">True while playing.</param>
    /// <param name="Rate">The speed.</param>
    /// <param name="Duration">The length in seconds, once known.</param>
    /// <param name="Error">A playback error (<c>network</c>, <c>decode</c>, <c>unsupported</c>…).</param>
    /// <param name="Status">After an error before any audio arrived: the dashboard's status for the recording (0: not reached).</param>
    /// <param name="Message">With <paramref name="Status"/>: the dashboard's plain-text explanation, when it gave one.</param>
    public sealed record PlayerState(bool Playing, double Rate, double? Duration, string? Error, int? Status = null, string? Message = null);
}
