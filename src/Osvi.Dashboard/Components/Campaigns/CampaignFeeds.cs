using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services.Campaigns;

namespace Osvi.Dashboard.Components.Campaigns;

/// <summary>Live feeds of the watched campaigns a component shows (the campaign list and page, the Overview, the wallboard).</summary>
/// <param name="live">The shared snapshot store.</param>
/// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
/// <param name="changed">Runs on the renderer's context after a snapshot arrived (e.g. <c>StateHasChanged</c>).</param>
public sealed class CampaignFeeds(ILiveData live, Func<Func<Task>, Task> invoke, Func<Task> changed)
    : LiveFeedSet<long, CampaignProgress>(live, id => new CampaignStatusKey(id), invoke, changed);
