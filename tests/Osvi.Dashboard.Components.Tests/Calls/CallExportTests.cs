using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Calls;

public sealed class CallExportTests : OsviTestContext
{
    private readonly BunitJSModuleInterop _module;

    public CallExportTests()
    {
        CallsPageSetup.Setup(this);
        _module = JSInterop.SetupModule(CallsScript.ModulePath);
    }

    private CallExportTracker Tracker => Services.GetRequiredService<CallExportTracker>();

    private static readonly CallFilter s_filter = new() { Statuses = [CallStatus.Picked, CallStatus.Busy], CampaignId = 7 };

    private async Task<(IRenderedComponent<CallExport> Cut, string ExportId)> StartExportAsync()
    {
        var cut = Render<CallExport>(parameters => parameters.Add(p => p.Filter, s_filter));
        await cut.InvokeAsync(() => cut.Instance.StartAsync());
        var download = Assert.Single(_module.Invocations, invocation => invocation.Identifier == "download");
        var url = (string)download.Arguments[0]!;
        var exportId = CallFilter.ParseQuery("http://x/" + url)[CallExportEndpoint.ExportIdKey].Single()!;
        return (cut, exportId);
    }

    [Fact]
    public async Task Start_Filter_DownloadsTheCurrentFilterFromTheStreamingEndpoint()
    {
        var (cut, exportId) = await StartExportAsync();

        var url = (string)_module.Invocations.Single(invocation => invocation.Identifier == "download").Arguments[0]!;
        Assert.Equal($"exports/calls.csv?status=picked,busy&campaign_id=7&export_id={exportId}", url);
        Assert.Equal("waiting", cut.Find("#call-export").GetAttribute("data-state"));
        Assert.Contains("Starting the download", cut.Find("#call-export").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Instance.IsRunning);
    }

    [Fact]
    public async Task Progress_Reported_ShowsRowsOfTheTotalAndTheEnd()
    {
        var (cut, exportId) = await StartExportAsync();
        Tracker.Begin(exportId);

        Tracker.Report(exportId, new CallExportProgress(CallExportState.Running, 2_500, 20_000));

        cut.WaitForAssertion(() => Assert.Contains("Exporting 2,500 of 20,000 calls", cut.Find("#call-export").TextContent, StringComparison.Ordinal));
        Assert.Equal("12.5", cut.Find("#call-export .mud-progress-linear").GetAttribute("aria-valuenow"));

        Tracker.Report(exportId, new CallExportProgress(CallExportState.Completed, 20_000, 20_000));

        cut.WaitForAssertion(() => Assert.Contains("Exported 20,000 calls", cut.Find("#call-export").TextContent, StringComparison.Ordinal));
        Assert.False(cut.Instance.IsRunning);
    }

    [Fact]
    public async Task Cancel_WhileRunning_BreaksTheDownloadOffAndSaysSo()
    {
        var (cut, exportId) = await StartExportAsync();
        var download = Tracker.Begin(exportId);
        Tracker.Report(exportId, new CallExportProgress(CallExportState.Running, 300, 20_000));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#export-cancel")));

        await cut.InvokeAsync(() => cut.Find("#export-cancel").Click());

        Assert.True(download.IsCancellationRequested);
        // What the endpoint reports once it has broken the download off.
        Tracker.Report(exportId, new CallExportProgress(CallExportState.Cancelled, 300, 20_000));
        cut.WaitForAssertion(() => Assert.Contains("Export cancelled after 300 rows", cut.Find("#call-export").TextContent, StringComparison.Ordinal));
    }
}
