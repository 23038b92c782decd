namespace Osvi.Client.Contracts;

/// <summary>One item of the bare array returned by <c>GET /v1/active_agents</c>.</summary>
public sealed record ActiveAgent
{
    /// <summary><c>agent_id</c>: the value passed as <c>agent_uuid</c> elsewhere (<c>agent_</c> + 26 URL-safe characters).</summary>
    public required string AgentId { get; init; }

    /// <summary><c>name</c>: the display name.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>status</c>: always <c>active</c> today; unknown values are kept.</summary>
    public AgentStatus Status { get; init; } = AgentStatus.Active;
}
