using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An <see cref="IOverviewService"/> with settable answers.</summary>
public sealed class FakeOverviewService : IOverviewService
{
    /// <summary>The watched campaigns.</summary>
    public List<WatchedCampaignView> Watched { get; } = [];

    /// <summary>When set, <see cref="GetWatchedCampaignsAsync"/> throws it.</summary>
    public Exception? Failure { get; set; }

    public Task<IReadOnlyList<WatchedCampaignView>> GetWatchedCampaignsAsync(CancellationToken ct) =>
        Failure is not null ? Task.FromException<IReadOnlyList<WatchedCampaignView>>(Failure) : Task.FromResult<IReadOnlyList<WatchedCampaignView>>([.. Watched]);
}
