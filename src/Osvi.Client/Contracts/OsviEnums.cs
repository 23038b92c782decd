using System.Text.Json.Serialization;
using Osvi.Client.Serialization;

namespace Osvi.Client.Contracts;

/// <summary>A string enum of the OSVI wire format that never rejects a value it does not know (D9): the raw value is
/// kept and each type's <c>IsKnown</c> says whether this contract documents it.</summary>
/// <typeparam name="TSelf">The enum type.</typeparam>
public interface IOsviEnum<TSelf> where TSelf : struct, IOsviEnum<TSelf>
{
    /// <summary>The raw wire value.</summary>
    string Value { get; }

    /// <summary>Wraps a raw wire value.</summary>
    static abstract TSelf From(string value);

    /// <summary>The values the contract documents, in display order.</summary>
    static abstract IReadOnlyList<TSelf> Known { get; }
}

/// <summary>Call status (API): <c>picked</c>, <c>not_picked</c>, <c>failed</c>, <c>busy</c>, <c>voicemail</c>, <c>in_progress</c>.</summary>
[JsonConverter(typeof(OsviEnumConverter<CallStatus>))]
public readonly record struct CallStatus(string Value) : IOsviEnum<CallStatus>
{
    /// <summary>Answered.</summary>
    public static readonly CallStatus Picked = new("picked");
    /// <summary>Nobody answered.</summary>
    public static readonly CallStatus NotPicked = new("not_picked");
    /// <summary>The call failed.</summary>
    public static readonly CallStatus Failed = new("failed");
    /// <summary>The line was busy.</summary>
    public static readonly CallStatus Busy = new("busy");
    /// <summary>Reached voicemail.</summary>
    public static readonly CallStatus Voicemail = new("voicemail");
    /// <summary>Queued or under way.</summary>
    public static readonly CallStatus InProgress = new("in_progress");

    /// <inheritdoc />
    public static IReadOnlyList<CallStatus> Known { get; } = [Picked, NotPicked, Failed, Busy, Voicemail, InProgress];

    /// <inheritdoc />
    public static CallStatus From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <summary>True for every outcome (all but <c>in_progress</c>).</summary>
    public bool IsTerminal => this != InProgress;

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Call type: <c>inbound</c> or <c>outbound</c>.</summary>
[JsonConverter(typeof(OsviEnumConverter<CallType>))]
public readonly record struct CallType(string Value) : IOsviEnum<CallType>
{
    /// <summary>Inbound.</summary>
    public static readonly CallType Inbound = new("inbound");
    /// <summary>Outbound.</summary>
    public static readonly CallType Outbound = new("outbound");

    /// <inheritdoc />
    public static IReadOnlyList<CallType> Known { get; } = [Inbound, Outbound];

    /// <inheritdoc />
    public static CallType From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Active agent status: <c>active</c> (the only documented value).</summary>
[JsonConverter(typeof(OsviEnumConverter<AgentStatus>))]
public readonly record struct AgentStatus(string Value) : IOsviEnum<AgentStatus>
{
    /// <summary>Able to take calls.</summary>
    public static readonly AgentStatus Active = new("active");

    /// <inheritdoc />
    public static IReadOnlyList<AgentStatus> Known { get; } = [Active];

    /// <inheritdoc />
    public static AgentStatus From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Campaign status: <c>active</c>, <c>inactive</c>, <c>completed</c>; any other value is kept (D9).</summary>
[JsonConverter(typeof(OsviEnumConverter<CampaignStatus>))]
public readonly record struct CampaignStatus(string Value) : IOsviEnum<CampaignStatus>
{
    /// <summary>Dialling.</summary>
    public static readonly CampaignStatus Active = new("active");
    /// <summary>Paused; the queue is kept.</summary>
    public static readonly CampaignStatus Inactive = new("inactive");
    /// <summary>Finished.</summary>
    public static readonly CampaignStatus Completed = new("completed");

    /// <inheritdoc />
    public static IReadOnlyList<CampaignStatus> Known { get; } = [Active, Inactive, Completed];

    /// <inheritdoc />
    public static CampaignStatus From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Chat session mode: <c>ai</c> or <c>support</c>.</summary>
[JsonConverter(typeof(OsviEnumConverter<ChatMode>))]
public readonly record struct ChatMode(string Value) : IOsviEnum<ChatMode>
{
    /// <summary>The agent replies.</summary>
    public static readonly ChatMode Ai = new("ai");
    /// <summary>A human operator is in control; the agent stays silent.</summary>
    public static readonly ChatMode Support = new("support");

    /// <inheritdoc />
    public static IReadOnlyList<ChatMode> Known { get; } = [Ai, Support];

    /// <inheritdoc />
    public static ChatMode From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Chat session status: <c>active</c>, <c>dormant</c>, <c>closed</c>.</summary>
[JsonConverter(typeof(OsviEnumConverter<ChatSessionStatus>))]
public readonly record struct ChatSessionStatus(string Value) : IOsviEnum<ChatSessionStatus>
{
    /// <summary>Open.</summary>
    public static readonly ChatSessionStatus Active = new("active");
    /// <summary>Quiet for a while; resumes on the next message.</summary>
    public static readonly ChatSessionStatus Dormant = new("dormant");
    /// <summary>Closed for good.</summary>
    public static readonly ChatSessionStatus Closed = new("closed");

    /// <inheritdoc />
    public static IReadOnlyList<ChatSessionStatus> Known { get; } = [Active, Dormant, Closed];

    /// <inheritdoc />
    public static ChatSessionStatus From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Support command: <c>takeover</c>, <c>tell</c>, <c>whisper</c>, <c>end</c>, <c>close</c>.</summary>
[JsonConverter(typeof(OsviEnumConverter<SupportCommand>))]
public readonly record struct SupportCommand(string Value) : IOsviEnum<SupportCommand>
{
    /// <summary>A human takes over; mode becomes <c>support</c>.</summary>
    public static readonly SupportCommand Takeover = new("takeover");
    /// <summary>Operator guidance that fires an agent turn; returns <c>reply</c>.</summary>
    public static readonly SupportCommand Tell = new("tell");
    /// <summary>Private guidance for the next agent turn; never shown to the customer.</summary>
    public static readonly SupportCommand Whisper = new("whisper");
    /// <summary>Hands the session back to the agent.</summary>
    public static readonly SupportCommand End = new("end");
    /// <summary>Closes the session permanently.</summary>
    public static readonly SupportCommand Close = new("close");

    /// <inheritdoc />
    public static IReadOnlyList<SupportCommand> Known { get; } = [Takeover, Tell, Whisper, End, Close];

    /// <inheritdoc />
    public static SupportCommand From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Transcript speaker, normalised from the D7 aliases: <c>agent</c>, <c>user</c>, <c>system</c>, <c>tool</c>.</summary>
[JsonConverter(typeof(OsviEnumConverter<TranscriptRole>))]
public readonly record struct TranscriptRole(string Value) : IOsviEnum<TranscriptRole>
{
    /// <summary>The AI agent (aliases <c>assistant</c>, <c>bot</c>).</summary>
    public static readonly TranscriptRole Agent = new("agent");
    /// <summary>The other party (alias <c>customer</c>).</summary>
    public static readonly TranscriptRole User = new("user");
    /// <summary>A system line.</summary>
    public static readonly TranscriptRole System = new("system");
    /// <summary>A tool call or result.</summary>
    public static readonly TranscriptRole Tool = new("tool");

    /// <inheritdoc />
    public static IReadOnlyList<TranscriptRole> Known { get; } = [Agent, User, System, Tool];

    /// <inheritdoc />
    public static TranscriptRole From(string value) => new(value);

    /// <summary>True when the contract documents this value.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
