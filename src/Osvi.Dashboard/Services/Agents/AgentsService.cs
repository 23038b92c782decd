using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Agents;

/// <summary>One active agent as the dashboard shows it.</summary>
/// <param name="Id">The <c>agent_…</c> id (passed as <c>agent_uuid</c> elsewhere).</param>
/// <param name="Name">The display name.</param>
/// <param name="Status">The raw status (<c>active</c> today).</param>
public sealed record AgentView(string Id, string Name, string Status);

/// <summary>OSVI's agents.</summary>
public interface IAgentsService
{
    /// <summary>The active, non-archived voice agents, most recently updated first (<c>GET /v1/active_agents</c>).</summary>
    Task<ServiceResult<IReadOnlyList<AgentView>>> GetActiveAgentsAsync(CancellationToken ct);
}

internal sealed class AgentsService(OsviGateway osvi) : IAgentsService
{
    public Task<ServiceResult<IReadOnlyList<AgentView>>> GetActiveAgentsAsync(CancellationToken ct) =>
        osvi.SendAsync("list active agents", (api, token) => api.GetActiveAgentsAsync(token), ToViews, ct);

    private static IReadOnlyList<AgentView> ToViews(IReadOnlyList<ActiveAgent> agents) =>
        [.. agents.Select(agent => new AgentView(agent.AgentId, string.IsNullOrWhiteSpace(agent.Name) ? agent.AgentId : agent.Name, agent.Status.Value ?? ""))];
}
