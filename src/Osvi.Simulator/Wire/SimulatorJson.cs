using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Osvi.Simulator.Admin;

namespace Osvi.Simulator.Wire;

/// <summary>The simulator's JSON settings: snake_case, source-generated, '+' not escaped (E.164 and offsets read as-is).</summary>
public static class SimulatorJson
{
    /// <summary>Options whose resolver is the source-generated <see cref="SimulatorJsonContext"/>.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    internal static SimulatorJsonContext Context { get; } = new(new JsonSerializerOptions(Options));

    /// <summary>Applies the simulator's settings to an options instance (e.g. ASP.NET Core's HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.TypeInfoResolverChain.Insert(0, SimulatorJsonContext.Default);
        return options;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<ActiveAgentDto>))]
[JsonSerializable(typeof(Envelope<StartCallResultDto>))]
[JsonSerializable(typeof(CallSummaryDto))]
[JsonSerializable(typeof(PagedEnvelope<CallSummaryDto>))]
[JsonSerializable(typeof(Envelope<CallDetailDto>))]
[JsonSerializable(typeof(Envelope<TranscriptDto>))]
[JsonSerializable(typeof(Envelope<RecordingDto>))]
[JsonSerializable(typeof(Envelope<ContactsResultDto>))]
[JsonSerializable(typeof(Envelope<CampaignStatusDto>))]
[JsonSerializable(typeof(Envelope<DndEntryDto>))]
[JsonSerializable(typeof(PagedEnvelope<DndEntryDto>))]
[JsonSerializable(typeof(MessageEnvelope))]
[JsonSerializable(typeof(Envelope<ChatSessionDto>))]
[JsonSerializable(typeof(Envelope<Dictionary<string, ChatSessionDto>>))]
[JsonSerializable(typeof(Envelope<InboundResultDto>))]
[JsonSerializable(typeof(Envelope<SupportResultDto>))]
[JsonSerializable(typeof(Envelope<InjectContextResultDto>))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(IntroErrorBody))]
[JsonSerializable(typeof(CallWebhookPayload))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(AdminRequestLog))]
[JsonSerializable(typeof(AdminRequestCount))]
[JsonSerializable(typeof(List<Faults.FaultRule>))]
[JsonSerializable(typeof(Faults.FaultRule))]
[JsonSerializable(typeof(AdminClock))]
[JsonSerializable(typeof(AdminCreatedCall))]
[JsonSerializable(typeof(List<Webhooks.WebhookAttempt>))]
[JsonSerializable(typeof(AdminSettings))]
[JsonSerializable(typeof(AdminAgentPatch))]
[JsonSerializable(typeof(AdminAgent))]
[JsonSerializable(typeof(List<AdminChatMessage>))]
[JsonSerializable(typeof(AdminCampaign))]
[JsonSerializable(typeof(AdminClockRequest))]
[JsonSerializable(typeof(AdminCreateCallRequest))]
[JsonSerializable(typeof(AdminCampaignStatusRequest))]
[JsonSerializable(typeof(List<AdminAccount>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
