namespace Osvi.Simulator;

/// <summary>How validation failures are reported (contract §6.1: the v1 pages and the intro page disagree).</summary>
public enum ValidationStyle
{
    /// <summary>400 <c>{"success":false,"error":"…","details":null|[{field,message}]}</c> (D1, the default).</summary>
    V1,

    /// <summary>422 <c>{"success":false,"errors":["…"]}</c>, as the intro page documents.</summary>
    Intro,
}

/// <summary>What <c>POST /v1/call</c> does with a number on the agent's DND list (D5, §7).</summary>
public enum DndCallBehavior
{
    /// <summary>400 <c>phone_number is on the agent's DND list</c> (D5, the default).</summary>
    Reject,

    /// <summary>The call is created and ends <c>failed</c> without being dialled.</summary>
    FailCall,
}

/// <summary>The shape of the <c>call_id</c> returned by <c>POST /v1/call</c> (D4).</summary>
public enum CallIdStyle
{
    /// <summary>A lowercase UUID that <c>GET /v1/call/{id}</c> accepts (the default).</summary>
    Uuid,

    /// <summary>A <c>call_…</c> id like the documentation's example; it cannot be fetched (mimics the doc quirk).</summary>
    Prefixed,
}

/// <summary>
/// The simulator's settings, bound from the <c>Simulator</c> configuration section. There is no appsettings.json in the
/// project: override with environment variables (<c>Simulator__ClockSpeed=60</c>) or arguments
/// (<c>--Simulator:ClockSpeed=60</c>).
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Simulator";

    /// <summary>Seed of the deterministic world (same seed and start time = same data).</summary>
    public int Seed { get; set; } = 20_260_612;

    /// <summary>Past calls seeded for the primary account, spread over <see cref="SeedDays"/>.</summary>
    public int PrimaryCallCount { get; set; } = 5_200;

    /// <summary>Past calls seeded for the second account.</summary>
    public int SecondaryCallCount { get; set; } = 320;

    /// <summary>How many days back the seeded call history reaches.</summary>
    public int SeedDays { get; set; } = 30;

    /// <summary>Simulated seconds per real second (60 = one simulated minute per second). Changeable at run time.</summary>
    public double ClockSpeed { get; set; } = 1.0;

    /// <summary>Key expected in <see cref="SimulatorDefaults.AdminKeyHeader"/> on <c>/_simulator/*</c>.</summary>
    public string AdminKey { get; set; } = SimulatorDefaults.AdminKey;

    /// <summary>Validation error style (400 v1 vs 422 intro). Changeable at run time.</summary>
    public ValidationStyle ValidationStyle { get; set; } = ValidationStyle.V1;

    /// <summary>Raw JSON body of every 401; null = <c>{"success":false,"error":"Invalid or missing API token","details":null}</c>.</summary>
    public string? UnauthorizedBody { get; set; }

    /// <summary>See <see cref="Simulator.DndCallBehavior"/>.</summary>
    public DndCallBehavior DndCallBehavior { get; set; } = DndCallBehavior.Reject;

    /// <summary>See <see cref="Simulator.CallIdStyle"/>.</summary>
    public CallIdStyle CallIdStyle { get; set; } = CallIdStyle.Uuid;

    /// <summary>Simulated seconds between <c>POST /v1/call</c> and the dial (call_picked_at, D6).</summary>
    public int DialDelaySeconds { get; set; } = 2;

    /// <summary>Calls a campaign queue dials at the same time.</summary>
    public int CampaignConcurrency { get; set; } = 2;

    /// <summary>Simulated seconds between two dials of one campaign queue.</summary>
    public int CampaignDialIntervalSeconds { get; set; } = 5;

    /// <summary>Simulated minutes of inactivity after which an active chat session becomes <c>dormant</c>.</summary>
    public int ChatDormancyMinutes { get; set; } = 30;

    /// <summary>The operator id put in <c>active_human</c> on takeover.</summary>
    public string ChatOperatorId { get; set; } = "agent@yourco.com";

    /// <summary>Lifetime of a presigned recording URL, in seconds of the host clock (not the scaled clock).</summary>
    public int RecordingUrlLifetimeSeconds { get; set; } = 900;

    /// <summary>HMAC key of recording URLs; null = a random key per process.</summary>
    public string? RecordingSigningKey { get; set; }

    /// <summary>Largest accepted JSON request body, in bytes (larger → 400).</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Timeout of one W1 webhook delivery (D15).</summary>
    public int WebhookTimeoutSeconds { get; set; } = 5;

    /// <summary>Accepted range of <c>call_config_overrides.max_call_duration_seconds</c>.</summary>
    public int MinCallDurationSeconds { get; set; } = 10;

    /// <summary>Accepted range of <c>call_config_overrides.max_call_duration_seconds</c>.</summary>
    public int MaxCallDurationSeconds { get; set; } = 3_600;

    /// <summary>Largest <c>retry_config.max_attempts</c> (re-dials after the first attempt).</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>Accepted range of <c>retry_config.interval_minutes</c>.</summary>
    public int MaxRetryIntervalMinutes { get; set; } = 1_440;

    /// <summary>Entries kept in the request log ring (<c>GET /_simulator/requests</c>); counters are unbounded.</summary>
    public int RequestLogCapacity { get; set; } = 2_000;
}
