using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Services.Agents;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>The agent filter's choices: the <c>&lt;option&gt;</c>s of its datalist as one piece of markup, and which agent
/// each choice (or a typed id or name) stands for. Every circuit watching the same active agents gets the same instance,
/// so the options are built and held once, not once per open call log.</summary>
/// <remarks>A choice is the agent's name; agents that share a name are "Name (id)" so each choice is one agent. Names and
/// ids come from OSVI and go through <see cref="SafeHtml"/>: they can only ever be text.</remarks>
public sealed class AgentChoices
{
    // Keyed by the shared feed's list itself, so the choices live exactly as long as some page still holds that list.
    private static readonly ConditionalWeakTable<IReadOnlyList<AgentView>, AgentChoices> s_choices = new();

    private readonly Dictionary<string, AgentView> _byChoice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _choiceById = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<AgentView> _agents;

    private AgentChoices(IReadOnlyList<AgentView> agents)
    {
        _agents = agents;
        var html = new StringBuilder(agents.Count * 96);
        var shared = agents.GroupBy(agent => agent.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1)
            .Select(group => group.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var agent in agents)
        {
            var choice = string.IsNullOrWhiteSpace(agent.Name) ? agent.Id
                : shared.Contains(agent.Name) ? $"{agent.Name} ({agent.Id})"
                : agent.Name;
            if (_byChoice.TryAdd(choice, agent) && _choiceById.TryAdd(agent.Id, choice))
            {
                html.Append("<option value=\"").Append(SafeHtml.Encode(choice)).Append("\">").Append(SafeHtml.Encode(agent.Id)).Append("</option>");
            }
        }

        Options = new MarkupString(html.ToString());
    }

    /// <summary>No agents (yet).</summary>
    public static AgentChoices None { get; } = new([]);

    /// <summary>The datalist's options.</summary>
    public MarkupString Options { get; }

    /// <summary>The choices for these agents, shared by everyone who holds the same list.</summary>
    public static AgentChoices For(IReadOnlyList<AgentView>? agents) =>
        agents is null || agents.Count == 0 ? None : s_choices.GetValue(agents, static list => new AgentChoices(list));

    /// <summary>The text that shows an agent: its choice when it is one of these agents, else the id itself.</summary>
    public string Show(string agentId) => _choiceById.TryGetValue(agentId, out var choice) ? choice : agentId;

    /// <summary>The agent a choice of the list stands for (exactly as the list has it), if <paramref name="text"/> is one.</summary>
    public AgentView? Chosen(string text) => _byChoice.GetValueOrDefault(text);

    /// <summary>The agent typed text means: a choice, an id, or a name (any case).</summary>
    public AgentView? Find(string text) =>
        Chosen(text)
        ?? _agents.FirstOrDefault(agent => agent.Id == text)
        ?? _agents.FirstOrDefault(agent => string.Equals(agent.Name, text, StringComparison.OrdinalIgnoreCase));
}
