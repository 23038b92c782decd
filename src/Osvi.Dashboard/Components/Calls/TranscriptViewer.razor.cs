using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>A call's transcript as speaker bubbles with offsets: search with highlighted matches and next/previous,
/// copy as plain text, and a click on a line plays the recording from there. OSVI's text is untrusted and only ever
/// rendered as text.</summary>
public sealed partial class TranscriptViewer
{
    private string? _query;
    private List<Match> _matches = [];
    private int _current = -1;
    private CallTranscriptView? _indexed;

    [Inject]
    public required CallsScript Script { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>The transcript; null while loading.</summary>
    [Parameter]
    public ServiceResult<CallTranscriptView>? Result { get; set; }

    /// <summary>The call (to explain an empty transcript).</summary>
    [Parameter, EditorRequired]
    public required CallListItem Call { get; set; }

    /// <summary>True when a recording can be played (lines then seek).</summary>
    [Parameter]
    public bool CanSeek { get; set; }

    /// <summary>Raised with the offset of a clicked line.</summary>
    [Parameter]
    public EventCallback<double> OnSeek { get; set; }

    /// <summary>Loads the transcript again.</summary>
    [Parameter]
    public EventCallback OnRetry { get; set; }

    /// <summary>The matches of the current search.</summary>
    public int MatchCount => _matches.Count;

    private string MatchText => string.IsNullOrWhiteSpace(_query) ? ""
        : _matches.Count == 0 ? "No matches"
        : $"{(_current + 1).ToString(CultureInfo.InvariantCulture)} of {_matches.Count.ToString(CultureInfo.InvariantCulture)}";

    private string EmptyReason => Call.Status switch
    {
        var status when status == CallStatus.InProgress => "The transcript appears here when the call ends.",
        var status when status == CallStatus.Picked => "OSVI captured no transcript for this call.",
        var status => $"Nobody spoke with the agent: the call was not answered ({Theme.CallStatusStyle.Of(status).Label.ToLowerInvariant()}).",
    };

    protected override void OnParametersSet()
    {
        if (Result?.Value is { } transcript && !ReferenceEquals(transcript, _indexed))
        {
            _indexed = transcript;
            Search();
        }
    }

    private void OnQueryChanged(string? query)
    {
        _query = query;
        Search();
    }

    private void Search()
    {
        _matches = [];
        _current = -1;
        if (_indexed is null || string.IsNullOrWhiteSpace(_query))
        {
            return;
        }

        var needle = _query.Trim();
        foreach (var line in _indexed.Lines)
        {
            var from = 0;
            while (from < line.Text.Length)
            {
                var at = line.Text.IndexOf(needle, from, StringComparison.CurrentCultureIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                _matches.Add(new Match(_matches.Count, line.Index, at, needle.Length));
                from = at + needle.Length;
            }
        }

        _current = _matches.Count > 0 ? 0 : -1;
    }

    private async Task OnSearchKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await MoveAsync(args.ShiftKey ? -1 : 1);
        }
    }

    /// <summary>Moves to the next (+1) or previous (-1) match, wrapping around, and scrolls it into view.</summary>
    public async Task MoveAsync(int step)
    {
        if (_matches.Count == 0)
        {
            return;
        }

        _current = ((_current + step) % _matches.Count + _matches.Count) % _matches.Count;
        StateHasChanged();
        await Script.InvokeVoidAsync("reveal", "#transcript-current-match");
    }

    private async Task CopyAsync()
    {
        if (_indexed is null)
        {
            return;
        }

        var copied = await Script.InvokeAsync<bool>("copyText", _indexed.ToPlainText());
        Snackbar.Add(copied ? "Transcript copied as text." : "The browser did not allow copying; select the text instead.",
            copied ? Severity.Success : Severity.Warning);
    }

    private Task SeekAsync(double seconds) => CanSeek ? OnSeek.InvokeAsync(seconds) : Task.CompletedTask;

    private IEnumerable<Segment> Segments(TranscriptLine line)
    {
        var position = 0;
        foreach (var match in _matches.Where(match => match.Line == line.Index))
        {
            if (match.Start > position)
            {
                yield return new Segment(line.Text[position..match.Start], null);
            }

            yield return new Segment(line.Text.Substring(match.Start, match.Length), match.Number);
            position = match.Start + match.Length;
        }

        if (position < line.Text.Length)
        {
            yield return new Segment(line.Text[position..], null);
        }
    }

    private static string? Seconds(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record Match(int Number, int Line, int Start, int Length);

    private sealed record Segment(string Text, int? Match);
}
