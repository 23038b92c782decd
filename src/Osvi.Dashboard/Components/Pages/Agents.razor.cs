using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using Osvi.Dashboard.Components.Campaigns;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>The active agents with their ids, today's calls by status (a shared, slower feed per agent) and quick links to
/// their calls, DND list, a new call and a chat.</summary>
public sealed partial class Agents
{
    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private LiveFeedSet<string, CallCounts>? _counts;
    private DashboardUser? _user;

    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IOptionsMonitor<DashboardOptions> Options { get; init; }

    private bool CanStartCalls => _user?.Can(DashboardPermission.StartCalls) == true;

    private string Subtitle => _agents.Value is { } agents
        ? $"{agents.Count} active voice {(agents.Count == 1 ? "agent" : "agents")} able to take calls · today's calls by status"
        : "Active voice agents able to take calls";

    private string TodayText => Clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string CountsInterval => CampaignText.Duration(Options.CurrentValue.Live.IntervalOf(AgentCallsTodayFetcher.FeedName));

    protected override async Task OnInitializedAsync()
    {
        _counts = new LiveFeedSet<string, CallCounts>(Live, id => new AgentCallsTodayKey(id), InvokeAsync, () =>
        {
            StateHasChanged();
            return Task.CompletedTask;
        });
        _agents = Watch(ActiveAgentsKey.Instance, snapshot =>
        {
            _agents = snapshot;
            TrackCounts();
        });
        TrackCounts();
        _user = await CurrentUser.GetAsync();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _counts?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void TrackCounts()
    {
        if (_agents.Value is { } agents)
        {
            _counts?.Track(agents.Select(agent => agent.Id));
        }
    }

    private void Refresh() => Live.RequestRefresh(ActiveAgentsKey.Instance);

    private async Task CopyAsync(AgentView agent)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", agent.Id);
            Snackbar.Add($"Copied the id of {agent.Name}.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying: select the id and copy it by hand.", Severity.Warning);
        }
    }

    private static string Describe(CallCounts counts) =>
        "Today's calls: " + string.Join(", ", CallStatusStyle.DisplayOrder.Where(status => counts.Count(status) > 0)
            .Select(status => $"{CallStatusStyle.Of(status).Label} {counts.Count(status)}"));

    private static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..Math.Min(2, parts[0].Length)].ToUpperInvariant(),
            _ => $"{char.ToUpperInvariant(parts[0][0])}{char.ToUpperInvariant(parts[1][0])}",
        };
    }
}
