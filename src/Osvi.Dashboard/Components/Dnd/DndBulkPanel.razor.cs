using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Options;
using MudBlazor;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>Bulk add or remove: numbers pasted or uploaded, every line checked before anything is sent (invalid and
/// repeated lines are shown, never dropped), a confirm step, then a run whose progress and per-line outcomes update
/// as OSVI answers. Stop (or leaving the page) stops sending; what was answered stays in the report and the audit trail.</summary>
public sealed partial class DndBulkPanel : IAsyncDisposable
{
    private DndBulkOperation _operation = DndBulkOperation.Add;
    private string _region = "IN";
    private string? _text;
    private string? _reason;
    private string? _fileName;
    private DndBulkParse? _parse;
    private bool _confirming;
    private DndBulkRun? _run;
    private CancellationTokenSource? _stop;
    private int _renderQueued;
    private bool _disposed;

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    private LimitsOptions Limits => Options.Value.Limits;

    /// <summary>Raised after a run finished (e.g. to refresh the list and the audit view).</summary>
    [Parameter]
    public EventCallback Finished { get; set; }

    /// <summary>True while a run is sending.</summary>
    public bool Running => _stop is not null;

    private bool CanStart => CanChange && !Running && _parse is { Error: null, SendableCount: > 0 };

    private string Placeholder => _operation == DndBulkOperation.Add
        ? "98765 43210, customer opted out\n+91 98765 43211\n09876543212; asked by email"
        : "98765 43210\n+91 98765 43211";

    private string StartLabel => _parse is { Error: null, SendableCount: > 0 } parse
        ? $"{(_operation == DndBulkOperation.Add ? "Add" : "Remove")} {Count(parse.SendableCount)}…"
        : _operation == DndBulkOperation.Add ? "Add numbers…" : "Remove numbers…";

    private string ConfirmQuestion => _parse is null ? "" : _operation == DndBulkOperation.Add
        ? $"Add {Count(_parse.SendableCount)} to the DND list of {AgentName ?? AgentUuid}?"
        : $"Remove {Count(_parse.SendableCount)} from the DND list of {AgentName ?? AgentUuid}?";

    protected override void OnInitialized() => _region = Dnd.DefaultRegion;

    private static string Count(int numbers) => numbers == 1 ? "1 number" : $"{numbers.ToString("N0", CultureInfo.InvariantCulture)} numbers";

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private void OperationChanged(DndBulkOperation operation)
    {
        _operation = operation;
        _confirming = false;
    }

    private void TextChanged(string? text)
    {
        _text = text;
        _fileName = null;
        _parse = string.IsNullOrWhiteSpace(text) ? null
            // The box stops at its limit, so a longer paste arrives cut off: refuse it rather than send part of a list.
            : text.Length >= Limits.MaxPastedTextLength ? new DndBulkParse([], $"The box holds at most {Limits.MaxPastedTextLength.ToString("N0", CultureInfo.InvariantCulture)} characters, " +
                "so a longer paste is cut off. Upload the list as a CSV or text file instead; nothing was sent.")
            : DndBulkInput.Parse(text, _region);
        _confirming = false;
    }

    private void RegionChanged(string region)
    {
        _region = region;
        if (_fileName is null)
        {
            TextChanged(_text);
        }
        else
        {
            // The file's lines were read with the old country; read it again to apply the new one.
            _parse = null;
            _fileName = null;
            Snackbar.Add("Country changed: upload the file again to read it with the new country.", Severity.Info);
        }
    }

    private async Task UploadAsync(InputFileChangeEventArgs args)
    {
        var file = args.File;
        _confirming = false;
        if (file.Size > Limits.MaxUploadBytes)
        {
            _fileName = null;
            _parse = new DndBulkParse([], $"{file.Name} is larger than {InputLimits.Size(Limits.MaxUploadBytes)}; split it into smaller files. Nothing was sent.");
            return;
        }

        await using var stream = file.OpenReadStream(Limits.MaxUploadBytes);
        _parse = await DndBulkInput.ParseFileAsync(stream, _region, CancellationToken.None, Limits.MaxUploadBytes);
        _fileName = file.Name;
        _text = null;
    }

    private async Task RunAsync()
    {
        if (Running || _parse is not { Error: null, SendableCount: > 0 } parse)
        {
            return;
        }

        _confirming = false;
        var run = DndBulkInput.CreateRun(parse, AgentUuid, _operation, _operation == DndBulkOperation.Add ? _reason : null);
        _run = run;
        _stop = new CancellationTokenSource();
        run.Changed += QueueRender;
        try
        {
            await Dnd.RunBulkAsync(run, _stop.Token);
        }
        finally
        {
            run.Changed -= QueueRender;
            _stop.Dispose();
            _stop = null;
        }

        if (_disposed)
        {
            return;
        }

        var summary = run.Summary();
        var problems = summary[DndLineOutcome.Failed] + summary[DndLineOutcome.Unknown] + summary[DndLineOutcome.Refused] + summary[DndLineOutcome.NotSent];
        Snackbar.Add(problems == 0
                ? $"Bulk {(_operation == DndBulkOperation.Add ? "add" : "remove")} finished: {summary.Total} lines, every one answered."
                : $"Bulk run finished with {problems} line(s) not done; see the report.",
            problems == 0 ? Severity.Success : Severity.Warning);
        _parse = null;
        _text = null;
        _fileName = null;
        await Finished.InvokeAsync();
    }

    private void Stop() => _stop?.Cancel();

    // Lines change on worker threads many times a second: render at most every 150 ms.
    private void QueueRender()
    {
        if (Interlocked.Exchange(ref _renderQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            await Task.Delay(150);
            Interlocked.Exchange(ref _renderQueued, 0);
            if (!_disposed)
            {
                StateHasChanged();
            }
        });
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (!Running)
        {
            return;
        }

        var leave = await Dialogs.ShowMessageBoxAsync("Stop the bulk run?",
            "Leaving this page stops the bulk run: lines not sent yet are not sent. What OSVI already answered stays in the audit trail.",
            yesText: "Stop and leave", cancelText: "Stay");
        if (leave != true)
        {
            context.PreventNavigation();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_stop is { } stop)
        {
            await stop.CancelAsync();
        }
    }
}
