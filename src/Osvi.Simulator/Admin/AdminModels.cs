namespace Osvi.Simulator.Admin;

// Request and response bodies of the admin API (/_simulator/*), snake_case like the rest.

/// <summary>One (method, route) counter.</summary>
public sealed record AdminRequestCount(string Method, string Route, long Count);

/// <summary><c>GET /_simulator/requests</c>: total, counters, the matching <c>count</c> when filtered, recent entries.</summary>
public sealed record AdminRequestLog(long Total, long? Count, IReadOnlyList<AdminRequestCount> Counts, IReadOnlyList<Diagnostics.RequestLogEntry> Recent);

/// <summary>The simulated clock.</summary>
public sealed record AdminClock(string Now, string UtcNow, double Speed);

/// <summary><c>POST /_simulator/clock</c>: either or both.</summary>
public sealed record AdminClockRequest(double? Speed, double? AdvanceSeconds);

/// <summary><c>POST /_simulator/calls</c>: a finished call. <c>account</c> is <c>primary</c> (default) or <c>secondary</c>.</summary>
public sealed record AdminCreateCallRequest(int DurationSeconds, string? Account, string? AgentUuid, string? PhoneNumber, string? Status, string? PersonName, DateTimeOffset? CreatedAt, string? Text = null);

/// <summary>A call created by the admin API, with the size its recording will have.</summary>
public sealed record AdminCreatedCall(string CallId, string Status, int DurationSeconds, long RecordingBytes);

/// <summary><c>POST /_simulator/campaigns/{id}/status</c>.</summary>
public sealed record AdminCampaignStatusRequest(string? Status);

/// <summary>A campaign after a status change.</summary>
public sealed record AdminCampaign(long Id, string Status);

/// <summary>The run-time switches (<c>GET/PATCH /_simulator/settings</c>); null fields are left as they are.</summary>
public sealed record AdminSettings(string? ValidationStyle, string? UnauthorizedBody, string? DndCallBehavior, string? CallIdStyle, string? ChatReply = null);

/// <summary>A change to an agent (<c>PATCH /_simulator/agents/{uuid}</c>).</summary>
public sealed record AdminAgentPatch(string? Name);

/// <summary>An account with its agents and campaigns.</summary>
public sealed record AdminAccount(long Id, string Name, string Token, int CallCount, IReadOnlyList<AdminAgent> Agents, IReadOnlyList<AdminCampaign> Campaigns);

/// <summary>An agent.</summary>
public sealed record AdminAgent(long Id, string AgentUuid, string Name, string State, string Channel, bool HasOutboundTrunk);

/// <summary>One message of a chat session, as the simulator logged it.</summary>
/// <param name="Role"><c>customer</c>, <c>agent</c>, <c>operator</c>, <c>whisper</c> or <c>guidance</c> (from tell).</param>
/// <param name="Content">The text.</param>
/// <param name="At">UTC timestamp, chat style.</param>
public sealed record AdminChatMessage(string Role, string Content, string At);
