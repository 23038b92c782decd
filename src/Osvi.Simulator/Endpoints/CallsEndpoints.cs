using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Osvi.Simulator.Auth;
using Osvi.Simulator.Recordings;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Endpoints;

/// <summary>Calls: start (§3.2), list (§3.4), get (§3.5), transcript (§3.6), recording URL (§3.7).</summary>
internal static class CallsEndpoints
{
    /// <summary>The longest <c>initial_greeting</c>.</summary>
    public const int MaxGreetingLength = 2_000;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/call", StartAsync);
        v1.MapGet("/calls", List);
        v1.MapGet("/call/{id}", Get);
        v1.MapGet("/call/{id}/transcript", Transcript);
        v1.MapGet("/call/{id}/recording", Recording);
    }

    private static async Task<IResult> StartAsync(HttpContext context, SimulatorWorld world, ApiErrors errors, RuntimeSettings settings, IOptions<SimulatorOptions> options)
    {
        var limits = options.Value;
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, limits.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var agentUuid = body.String("agent_uuid", required: true);
            var phone = body.String("phone_number", required: true);
            var countryCode = body.String("country_code", required: true);
            if (body.MissingParam is { } missing)
            {
                return errors.ParamMissing(missing);
            }

            body.String("system_prompt");
            var webhookUrl = body.String("webhook_url");
            var personName = body.String("person_name");
            var additional = body.Object(body.Root, "additional_data", "additional_data");
            var greeting = body.String("initial_greeting");
            int? maxDuration = null;
            var maxRetries = 0;
            var retryInterval = TimeSpan.Zero;
            if (body.Object(body.Root, "call_config_overrides", "call_config_overrides") is { } overrides)
            {
                maxDuration = body.Int(overrides, "max_call_duration_seconds", "call_config_overrides.max_call_duration_seconds", limits.MinCallDurationSeconds, limits.MaxCallDurationSeconds);
                body.Bool(overrides, "enable_callback", "call_config_overrides.enable_callback");
                if (body.Object(overrides, "retry_config", "call_config_overrides.retry_config") is { } retry)
                {
                    var enabled = body.Bool(retry, "enabled", "call_config_overrides.retry_config.enabled") ?? false;
                    var attempts = body.Int(retry, "max_attempts", "call_config_overrides.retry_config.max_attempts", 0, limits.MaxRetryAttempts);
                    var interval = body.Int(retry, "interval_minutes", "call_config_overrides.retry_config.interval_minutes", 1, limits.MaxRetryIntervalMinutes);
                    if (enabled)
                    {
                        maxRetries = attempts ?? 2;
                        retryInterval = TimeSpan.FromMinutes(interval ?? 30);
                    }
                }
            }

            CheckDataExtraction(body);
            if (countryCode is not null && !PhoneNormalizer.IsKnownCountry(countryCode))
            {
                body.AddError("country_code", "country_code is not a valid ISO 3166-1 alpha-2 country code");
            }

            var e164 = "";
            if (phone is not null && countryCode is not null && PhoneNormalizer.IsKnownCountry(countryCode) && !PhoneNormalizer.TryNormalize(phone, countryCode, out e164))
            {
                body.AddError("phone_number", $"phone_number is not a valid phone number for {countryCode.ToUpperInvariant()}");
            }

            if (webhookUrl is not null && !(Uri.TryCreate(webhookUrl, UriKind.Absolute, out var hook) && (hook.Scheme == Uri.UriSchemeHttp || hook.Scheme == Uri.UriSchemeHttps) && hook.Host.Length > 0))
            {
                body.AddError("webhook_url", "webhook_url must be a valid HTTP or HTTPS URL with a host");
            }

            if (greeting is { Length: > MaxGreetingLength })
            {
                body.AddError("initial_greeting", $"initial_greeting must be at most {MaxGreetingLength} characters");
            }

            if (body.Errors.Count > 0 || agentUuid is null)
            {
                return errors.Validation(body.Errors.Count > 0 ? body.Errors : [new FieldError("agent_uuid", "agent_uuid must be a string")]);
            }

            var command = new StartCallCommand(agentUuid, e164, personName, webhookUrl,
                additional is { } data ? JsonNode.Parse(data.GetRawText()) as JsonObject : null, maxDuration, maxRetries, retryInterval);
            var (call, error) = world.StartCall(context.GetAccount(), command);
            return error switch
            {
                StartCallError.AgentNotOwned => ApiErrors.Forbidden("Agent does not belong to this account"),
                StartCallError.AgentNotActive => errors.Validation([new FieldError("agent_uuid", "agent_uuid is not an active agent")]),
                StartCallError.AgentNotVoice => errors.Validation([new FieldError("agent_uuid", "agent_uuid is not a voice agent")]),
                StartCallError.OnDnd => errors.Validation([new FieldError("phone_number", "phone_number is on the agent's DND list")]),
                _ => TypedResults.Json(
                    new Envelope<StartCallResultDto>(true, new StartCallResultDto(settings.CallIdStyle == CallIdStyle.Prefixed ? "call_" + call!.Id.ToString("N") : call!.IdText)),
                    SimulatorJson.Context.EnvelopeStartCallResultDto),
            };
        }
    }

    private static void CheckDataExtraction(JsonBody body)
    {
        if (body.Array("data_extraction") is not { } items)
        {
            return;
        }

        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"data_extraction[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                body.AddError(path, $"{path} must be a JSON object");
                continue;
            }

            if (body.String(item, "key", path + ".key") is null)
            {
                body.AddError(path + ".key", $"{path}.key is required");
            }

            body.String(item, "description", path + ".description");
            body.Bool(item, "required", path + ".required");
            body.String(item, "output_format", path + ".output_format");
        }
    }

    private static IResult List(HttpContext context, SimulatorWorld world, ApiErrors errors)
    {
        var request = context.Request;
        var account = context.GetAccount();
        var (page, perPage, problems) = QueryParams.Paging(request);
        HashSet<string>? statuses = null;
        if (QueryParams.Get(request, "status") is { } statusCsv)
        {
            statuses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in statusCsv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (CallStatuses.IsKnown(value))
                {
                    statuses.Add(value);
                }
                else
                {
                    problems.Add(new FieldError("status", $"status '{value}' is not one of {string.Join(", ", CallStatuses.All)}"));
                }
            }
        }

        bool? inbound = null;
        if (QueryParams.Get(request, "call_type") is { } callType)
        {
            inbound = callType switch { "inbound" => true, "outbound" => false, _ => null };
            if (inbound is null)
            {
                problems.Add(new FieldError("call_type", "call_type must be inbound or outbound"));
            }
        }

        var campaignId = QueryParams.Integer(request, "campaign_id", problems);
        var uploadId = QueryParams.Integer(request, "campaign_upload_id", problems);
        var from = QueryParams.Date(request, "start_date", isEnd: false, problems);
        var to = QueryParams.Date(request, "end_date", isEnd: true, problems);
        if (problems.Count > 0)
        {
            return errors.Validation(problems);
        }

        var agentUuid = QueryParams.Get(request, "agent_uuid");
        if (agentUuid is not null && !world.AgentBelongsTo(account, agentUuid))
        {
            return ApiErrors.NotFound();
        }

        var filter = new CallFilter(statuses, agentUuid, campaignId, uploadId, QueryParams.PhoneFragment(QueryParams.Get(request, "phone_number")), inbound, from, to);
        var result = world.ListCalls(account, filter, page, perPage);
        return new CallPageResult(result.Items, QueryParams.Meta(page, perPage, result.TotalCount));
    }

    private static IResult Get(string id, HttpContext context, SimulatorWorld world) =>
        world.GetCallDetail(context.GetAccount(), id) is { } detail
            ? TypedResults.Json(new Envelope<CallDetailDto>(true, detail), SimulatorJson.Context.EnvelopeCallDetailDto)
            : ApiErrors.NotFound();

    private static IResult Transcript(string id, HttpContext context, SimulatorWorld world) =>
        world.GetTranscript(context.GetAccount(), id) is { } transcript
            ? TypedResults.Json(new Envelope<TranscriptDto>(true, transcript), SimulatorJson.Context.EnvelopeTranscriptDto)
            : ApiErrors.NotFound();

    /// <summary>The message of D8 for a call that has no recording.</summary>
    public const string RecordingNotAvailable = "Recording not available";

    private static IResult Recording(string id, HttpContext context, SimulatorWorld world, RecordingSigner signer)
    {
        var (found, hasRecording, callId) = world.GetRecordingState(context.GetAccount(), id);
        if (!found)
        {
            return ApiErrors.NotFound();
        }

        if (!hasRecording)
        {
            return ApiErrors.NotFound(RecordingNotAvailable);
        }

        var request = context.Request;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{signer.CreatePathAndQuery(callId)}";
        return TypedResults.Json(new Envelope<RecordingDto>(true, new RecordingDto(callId, url, signer.LifetimeSeconds)), SimulatorJson.Context.EnvelopeRecordingDto);
    }
}
