using Microsoft.Extensions.Options;
using Osvi.Simulator.Hosting;
using Osvi.Simulator.World;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>Chat agents the console can offer. OSVI's API lists only voice agents (<c>GET /v1/active_agents</c>), so
/// the console knows chat agents from the configuration (<c>Dashboard:Chat:Agents</c>), from the built-in simulator in
/// demo mode, and from conversations it has recorded. Any other agent id can still be typed.</summary>
public interface IChatAgentDirectory
{
    /// <summary>Known agents: configured first, then the demo's, then those seen in the history.</summary>
    Task<IReadOnlyList<ChatAgentOption>> GetAgentsAsync(CancellationToken ct);
}

/// <summary>The Chat area's settings (<c>Dashboard:Chat</c>).</summary>
public sealed class ChatOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard:Chat";

    /// <summary>The account's chat agents, so operators can pick them by name.</summary>
    public List<ChatAgentSetting> Agents { get; set; } = [];
}

/// <summary>One configured chat agent.</summary>
public sealed class ChatAgentSetting
{
    /// <summary>The <c>agent_…</c> id (OSVI → Chat agents).</summary>
    public string Uuid { get; set; } = "";

    /// <summary>A name for people.</summary>
    public string? Name { get; set; }
}

internal sealed class ChatAgentDirectory(IOptionsMonitor<ChatOptions> options, IChatHistory history, IServiceProvider services) : IChatAgentDirectory
{
    private const int SeenAgents = 20;

    public async Task<IReadOnlyList<ChatAgentOption>> GetAgentsAsync(CancellationToken ct)
    {
        var agents = new List<ChatAgentOption>();
        agents.AddRange(options.CurrentValue.Agents
            .Where(agent => !string.IsNullOrWhiteSpace(agent.Uuid))
            .Select(agent => new ChatAgentOption(agent.Uuid.Trim(), agent.Name, ChatAgentSource.Configured)));
        agents.AddRange(DemoAgents());
        agents.AddRange((await history.GetSeenAgentsAsync(SeenAgents, ct)).Select(uuid => new ChatAgentOption(uuid, null, ChatAgentSource.Seen)));
        return [.. agents.GroupBy(agent => agent.Uuid, StringComparer.Ordinal).Select(group => group.First())];
    }

    // Demo mode only: the embedded simulator's chat agents of the demo account, so the demo works without setup.
    private IEnumerable<ChatAgentOption> DemoAgents()
    {
        if (services.GetService<EmbeddedSimulator>() is not { } simulator)
        {
            return [];
        }

        var account = simulator.Services.GetRequiredService<SimulatorWorld>().GetAccounts().FirstOrDefault(a => a.Token == simulator.ApiToken);
        return account?.Agents
            .Where(agent => agent.Channel == AgentChannel.Chat && agent.State != AgentState.Archived)
            .OrderBy(agent => agent.State)
            .Select(agent => new ChatAgentOption(agent.Uuid, agent.State == AgentState.Active ? agent.Name : $"{agent.Name} (inactive)", ChatAgentSource.Demo)) ?? [];
    }
}
