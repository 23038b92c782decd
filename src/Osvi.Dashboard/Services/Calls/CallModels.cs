using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>A call's tag as the dashboard shows it.</summary>
/// <param name="Name">e.g. <c>interested</c>.</param>
/// <param name="Color">A CSS colour (<c>#22c55e</c>) when OSVI sent a usable one.</param>
public sealed record CallTagView(string Name, string? Color);

/// <summary>One row of the call log.</summary>
public record CallListItem
{
    /// <summary>The call id (a string: OSVI may answer non-UUID ids).</summary>
    public required string CallId { get; init; }

    /// <summary>The agent's id.</summary>
    public string AgentUuid { get; init; } = "";

    /// <summary>The agent's name (its id when OSVI sent none).</summary>
    public string AgentName { get; init; } = "";

    /// <summary>The other party, E.164.</summary>
    public string PhoneNumber { get; init; } = "";

    /// <summary>The number the call came from or went out on.</summary>
    public string? FromNumber { get; init; }

    /// <summary>The status.</summary>
    public CallStatus Status { get; init; }

    /// <summary>Inbound or outbound.</summary>
    public CallType CallType { get; init; }

    /// <summary>Talk time; 0 when nobody answered.</summary>
    public int DurationSeconds { get; init; }

    /// <summary>Who ended the call (<c>agent</c>, <c>user</c>, <c>system</c>…).</summary>
    public string? EndedBy { get; init; }

    /// <summary>Why it ended (<c>customer-did-not-answer</c>…).</summary>
    public string? EndedReason { get; init; }

    /// <summary>The campaign it came from.</summary>
    public long? CampaignId { get; init; }

    /// <summary>The contact upload it came from.</summary>
    public long? CampaignUploadId { get; init; }

    /// <summary>The post-call tag.</summary>
    public CallTagView? Tag { get; init; }

    /// <summary>When OSVI created (queued) the call.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the engine dialled it (D6); null while queued.</summary>
    public DateTimeOffset? PickedAt { get; init; }
}

/// <summary>One call with everything <c>GET /v1/call/{id}</c> tells.</summary>
public sealed record CallDetailView : CallListItem
{
    /// <summary>A call's detail starting from its list facts.</summary>
    [SetsRequiredMembers]
    public CallDetailView(CallListItem item) : base(item)
    {
    }

    /// <summary>The name OSVI has for the other party.</summary>
    public string? CallerName { get; init; }

    /// <summary>Re-dials so far.</summary>
    public int RetryCount { get; init; }

    /// <summary>The AI summary.</summary>
    public string? Summary { get; init; }

    /// <summary>Extracted data, flattened to readable rows.</summary>
    public IReadOnlyList<DataField> DataCaptured { get; init; } = [];

    /// <summary>Post-call analysis, flattened to readable rows.</summary>
    public IReadOnlyList<DataField> PostCallAnalysis { get; init; } = [];
}

/// <summary>One key/value of free-form OSVI data, as text (always rendered as text, never as markup).</summary>
/// <param name="Key">The key; nested keys are joined with dots (<c>address.city</c>).</param>
/// <param name="Value">The value as people read it (<c>yes</c>/<c>no</c> for booleans, a list joined by commas).</param>
/// <param name="IsEmpty">True when OSVI sent null or an empty string (shown as "not captured").</param>
public sealed record DataField(string Key, string Value, bool IsEmpty = false)
{
    /// <summary>Flattens an OSVI object into rows, in OSVI's key order.</summary>
    public static IReadOnlyList<DataField> From(IReadOnlyDictionary<string, JsonElement>? data)
    {
        if (data is null)
        {
            return [];
        }

        List<DataField> rows = [];
        foreach (var (key, value) in data)
        {
            Flatten(key, value, rows, depth: 0);
        }

        return rows;
    }

    private static void Flatten(string key, JsonElement value, List<DataField> rows, int depth)
    {
        if (value.ValueKind == JsonValueKind.Object && depth < 3)
        {
            var any = false;
            foreach (var property in value.EnumerateObject())
            {
                any = true;
                Flatten($"{key}.{property.Name}", property.Value, rows, depth + 1);
            }

            if (!any)
            {
                rows.Add(new DataField(key, "", IsEmpty: true));
            }

            return;
        }

        var text = Text(value);
        rows.Add(new DataField(key, text, string.IsNullOrWhiteSpace(text)));
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole.ToString("N0", CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}

/// <summary>One page of the call log.</summary>
/// <param name="Items">The calls, newest first.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PerPage">Page size as OSVI applied it.</param>
/// <param name="TotalCount">Calls matching the filter across all pages.</param>
/// <param name="TotalPages">Pages.</param>
public sealed record CallPage(IReadOnlyList<CallListItem> Items, int Page, int PerPage, int TotalCount, int TotalPages);

/// <summary>Who spoke a transcript line.</summary>
public enum Speaker
{
    /// <summary>The AI agent.</summary>
    Agent,

    /// <summary>The other party.</summary>
    Customer,

    /// <summary>A system line.</summary>
    System,

    /// <summary>A tool call or result.</summary>
    Tool,
}

/// <summary>One transcript line.</summary>
/// <param name="Index">Position in the transcript.</param>
/// <param name="Speaker">Who spoke.</param>
/// <param name="Text">What was said (untrusted text: render as text only).</param>
/// <param name="Start">Offset from the start of the call, when OSVI sent one.</param>
/// <param name="End">End offset, when sent.</param>
public sealed record TranscriptLine(int Index, Speaker Speaker, string Text, double? Start, double? End);

/// <summary>A call's transcript.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Lines">The lines; empty when nothing was captured.</param>
public sealed record CallTranscriptView(string CallId, IReadOnlyList<TranscriptLine> Lines)
{
    /// <summary>True when any line has an offset (so lines can seek the recording).</summary>
    public bool HasTimings => Lines.Any(line => line.Start is not null);

    /// <summary>The transcript as plain text ("[00:01] Agent: …" a line).</summary>
    public string ToPlainText() => string.Join('\n', Lines.Select(line =>
        (line.Start is { } start ? $"[{CallFormat.Offset(start)}] " : "") + CallFormat.SpeakerLabel(line.Speaker) + ": " + line.Text));
}

/// <summary>Whether a call has a recording the dashboard can stream (<c>/recordings/{id}</c>). The presigned URL
/// itself never leaves the server.</summary>
/// <param name="CallId">The call.</param>
/// <param name="HasRecording">True when OSVI has one.</param>
public sealed record RecordingAvailability(string CallId, bool HasRecording);


/// <summary>What the start-call dialog sends (the dashboard's form of <c>POST /v1/call</c>).</summary>
public sealed record StartCallCommand
{
    /// <summary>The agent.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>The number in E.164 (validated); the service sends OSVI its national part and country.</summary>
    public required string PhoneE164 { get; init; }

    /// <summary>The national significant number (what <c>phone_number</c> wants).</summary>
    public required string NationalNumber { get; init; }

    /// <summary>ISO 3166-1 alpha-2 region of the number.</summary>
    public required string CountryCode { get; init; }

    /// <summary>The person's name.</summary>
    public string? PersonName { get; init; }

    /// <summary>A prompt for this call only.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The opening line (≤ 2,000 characters).</summary>
    public string? InitialGreeting { get; init; }

    /// <summary>Values for the agent's <c>{{variables}}</c>; always a JSON object.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalData { get; init; }

    /// <summary>OSVI POSTs the outcome here.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Per-call overrides.</summary>
    public CallConfigOverrides? CallConfigOverrides { get; init; }

    /// <summary>Fields to extract.</summary>
    public IReadOnlyList<DataExtractionField>? DataExtraction { get; init; }

    /// <summary>The wire request.</summary>
    public StartCallRequest ToRequest() => new()
    {
        AgentUuid = AgentUuid,
        PhoneNumber = NationalNumber,
        CountryCode = CountryCode,
        PersonName = PersonName,
        SystemPrompt = SystemPrompt,
        InitialGreeting = InitialGreeting,
        AdditionalData = AdditionalData,
        WebhookUrl = WebhookUrl,
        CallConfigOverrides = CallConfigOverrides,
        DataExtraction = DataExtraction,
    };
}
