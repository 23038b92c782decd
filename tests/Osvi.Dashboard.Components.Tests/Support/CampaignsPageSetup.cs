using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Campaigns.Uploads;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Support;

/// <summary>The Campaigns area's pages under bunit: its services replaced by fakes the test steers.</summary>
public abstract class CampaignsTestContext : OsviTestContext
{
    public const string RenewalsAgent = CampaignFixtures.AgentUuid;
    public const string SupportAgent = "agent_t1p4hqqqlxBy9pX3rX_cAiGv3l";

    protected CampaignsTestContext()
    {
        Watched = new FakeWatchedCampaignsService(Overview);
        Services.AddSingleton<IOverviewService>(Overview);
        Services.AddSingleton<IWatchedCampaignsService>(Watched);
        Services.AddSingleton<ICampaignsService>(CampaignsService);
        Services.AddSingleton<IContactUploadService>(Uploads);
        Services.AddOptions<CampaignOptions>().Configure(options => ConfigureCampaigns?.Invoke(options));
    }

    public FakeOverviewService Overview { get; } = new();

    public FakeWatchedCampaignsService Watched { get; }

    public FakeCampaignsService CampaignsService { get; } = new();

    public FakeContactUploadService Uploads { get; } = new();

    /// <summary>Changes the campaign options (before the first render).</summary>
    protected Action<CampaignOptions>? ConfigureCampaigns { get; set; }

    protected static IReadOnlyList<AgentView> Agents { get; } =
    [
        new AgentView(RenewalsAgent, "Policy Renewals", "active"),
        new AgentView(SupportAgent, "Support Line", "active"),
    ];

    protected Task PublishAgentsAsync() => Live.PublishValueAsync(ActiveAgentsKey.Instance, Agents);

    protected Task PublishCampaignAsync(CampaignProgress progress) => Live.PublishValueAsync(new CampaignStatusKey(progress.Status.Id), progress);

    /// <summary>Waits for the element, then finds and clicks it in one dispatch, so a re-render in between cannot
    /// leave the test holding a stale element.</summary>
    protected static async Task ClickAsync<T>(IRenderedComponent<T> cut, string selector)
        where T : IComponent
    {
        cut.WaitForElement(selector);
        await cut.InvokeAsync(() => cut.Find(selector).Click());
    }
}
