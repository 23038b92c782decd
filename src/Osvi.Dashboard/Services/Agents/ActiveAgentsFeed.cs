using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Agents;

/// <summary>The live feed of active agents (one for the whole dashboard).</summary>
public sealed record ActiveAgentsKey : LiveKey<IReadOnlyList<AgentView>>
{
    /// <summary>The only instance.</summary>
    public static ActiveAgentsKey Instance { get; } = new();
}

internal sealed class ActiveAgentsFetcher(IAgentsService agents) : ILiveFetcher<ActiveAgentsKey, IReadOnlyList<AgentView>>
{
    public const string FeedName = "ActiveAgents";

    public Task<ServiceResult<IReadOnlyList<AgentView>>> FetchAsync(ActiveAgentsKey key, CancellationToken ct) => agents.GetActiveAgentsAsync(ct);
}
