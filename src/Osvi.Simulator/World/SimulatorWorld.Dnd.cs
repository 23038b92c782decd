using Osvi.Simulator.Wire;

namespace Osvi.Simulator.World;

internal enum DndError
{
    None,
    AgentNotFound,
    Duplicate,
    PhoneNotFound,
}

public sealed partial class SimulatorWorld
{
    internal (DndEntryDto? Entry, DndError Error) AddDnd(Account account, string agentUuid, string phoneE164, string? reason)
    {
        lock (_gate)
        {
            var now = CatchUp();
            if (!account.AgentsByUuid.TryGetValue(agentUuid, out var agent))
            {
                return (null, DndError.AgentNotFound);
            }

            var list = account.DndOf(agent);
            if (list.ContainsKey(phoneE164))
            {
                return (null, DndError.Duplicate);
            }

            var entry = new DndEntry { Id = ++_nextDndId, Agent = agent, Phone = phoneE164, Reason = reason, CreatedAt = now };
            list.Add(phoneE164, entry);

            // "Propagates immediately to the calling engine": calls of this agent to this number that are still waiting
            // for their dial are skipped now, not dialled.
            foreach (var call in account.Calls)
            {
                if (call.AwaitingDial && call.Agent == agent && call.Phone == phoneE164)
                {
                    SkipForDnd(call, now);
                }
            }

            return (entry.ToDto(), DndError.None);
        }
    }

    internal (List<DndEntryDto> Page, int Total, DndError Error) ListDnd(Account account, string agentUuid, string? search, int page, int perPage)
    {
        lock (_gate)
        {
            CatchUp();
            if (!account.AgentsByUuid.TryGetValue(agentUuid, out var agent))
            {
                return ([], 0, DndError.AgentNotFound);
            }

            var matches = account.DndOf(agent).Values
                .Where(e => search is null || e.Phone.Contains(search, StringComparison.Ordinal))
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .ToList();
            var items = matches.Skip((page - 1) * perPage).Take(perPage).Select(e => e.ToDto()).ToList();
            return (items, matches.Count, DndError.None);
        }
    }

    internal DndError RemoveDnd(Account account, string agentUuid, string? phoneE164)
    {
        lock (_gate)
        {
            CatchUp();
            if (!account.AgentsByUuid.TryGetValue(agentUuid, out var agent))
            {
                return DndError.AgentNotFound;
            }

            return phoneE164 is not null && account.DndOf(agent).Remove(phoneE164) ? DndError.None : DndError.PhoneNotFound;
        }
    }

    internal List<ActiveAgentDto> ActiveAgents(Account account)
    {
        lock (_gate)
        {
            CatchUp();
            return [.. account.Agents
                .Where(a => a.Channel == AgentChannel.Voice && a.State == AgentState.Active)
                .OrderByDescending(a => a.UpdatedAt)
                .Select(a => new ActiveAgentDto(a.Uuid, a.Name, "active"))];
        }
    }

    /// <summary>An agent of the account for the chat engine: null when unknown, inactive or archived.</summary>
    internal (long AgentId, long AccountId)? FindActiveAgent(Account account, string agentUuid)
    {
        lock (_gate)
        {
            return account.AgentsByUuid.TryGetValue(agentUuid, out var agent) && agent.IsActive ? (agent.Id, account.Id) : null;
        }
    }
}
