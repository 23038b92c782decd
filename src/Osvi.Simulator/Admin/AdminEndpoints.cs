using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Osvi.Simulator.Chat;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Endpoints;
using Osvi.Simulator.Faults;
using Osvi.Simulator.Time;
using Osvi.Simulator.Webhooks;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Admin;

/// <summary>
/// The admin API under <c>/_simulator</c> (never called by the dashboard; requires <see cref="SimulatorDefaults.AdminKeyHeader"/>):
/// request counters, faults, the clock, behaviour switches, helpers that create calls or change campaigns, webhook
/// delivery attempts and chat message logs.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_simulator");
        admin.MapGet("/accounts", Accounts);
        admin.MapGet("/requests", Requests);
        admin.MapDelete("/requests", (RequestLog log) => { log.Reset(); return TypedResults.NoContent(); });
        admin.MapGet("/faults", (FaultStore faults) => TypedResults.Json(faults.Rules.ToList(), SimulatorJson.Context.ListFaultRule));
        admin.MapPost("/faults", AddFaultAsync);
        admin.MapDelete("/faults", (FaultStore faults) => { faults.Clear(); return TypedResults.NoContent(); });
        admin.MapDelete("/faults/{id:int}", (int id, FaultStore faults) => faults.Remove(id) ? Results.NoContent() : ApiErrors.NotFound());
        admin.MapGet("/clock", (SimulatorClock clock) => TypedResults.Json(Clock(clock), SimulatorJson.Context.AdminClock));
        admin.MapPost("/clock", SetClockAsync);
        admin.MapGet("/settings", (RuntimeSettings settings) => TypedResults.Json(Settings(settings), SimulatorJson.Context.AdminSettings));
        admin.MapMethods("/settings", [HttpMethods.Patch, HttpMethods.Post], SetSettingsAsync);
        admin.MapPost("/calls", CreateCallAsync);
        admin.MapMethods("/agents/{uuid}", [HttpMethods.Patch, HttpMethods.Post], RenameAgentAsync);
        admin.MapPost("/campaigns/{id:long}/status", SetCampaignStatusAsync);
        admin.MapGet("/webhooks", (WebhookDispatcher webhooks) => TypedResults.Json(webhooks.Attempts.ToList(), SimulatorJson.Context.ListWebhookAttempt));
        admin.MapDelete("/webhooks", (WebhookDispatcher webhooks) => { webhooks.ClearAttempts(); return TypedResults.NoContent(); });
        admin.MapGet("/chat/sessions/{id}/messages", (string id, ChatEngine chat) =>
            chat.GetMessages(id) is { } messages ? TypedResults.Json(messages.ToList(), SimulatorJson.Context.ListAdminChatMessage) : ApiErrors.NotFound());
    }

    private static IResult Accounts(SimulatorWorld world) =>
        TypedResults.Json(
            world.GetAccounts().Select(a => new AdminAccount(a.Id, a.Name, a.Token, a.CallCount,
                [.. a.Agents.Select(g => new AdminAgent(g.Id, g.Uuid, g.Name, g.State.ToString().ToLowerInvariant(), g.Channel.ToString().ToLowerInvariant(), g.HasOutboundTrunk))],
                [.. a.Campaigns.Select(c => new AdminCampaign(c.Id, c.Status))])).ToList(),
            SimulatorJson.Context.ListAdminAccount);

    /// <summary><c>?method=POST&amp;route=/v1/call</c> narrows <c>recent</c> and fills <c>count</c>.</summary>
    private static IResult Requests(HttpRequest request, RequestLog log)
    {
        var method = QueryParams.Get(request, "method")?.ToUpperInvariant();
        var route = QueryParams.Get(request, "route");
        var recent = log.Recent.Where(e => (method is null || e.Method == method) && (route is null || e.Route == route)).ToList();
        long? count = method is null && route is null ? null
            : log.Counts.Where(c => (method is null || c.Method == method) && (route is null || c.Route == route)).Sum(c => c.Count);
        return TypedResults.Json(
            new AdminRequestLog(log.Total, count, [.. log.Counts.Select(c => new AdminRequestCount(c.Method, c.Route, c.Count))], recent),
            SimulatorJson.Context.AdminRequestLog);
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultStore faults)
    {
        var (rule, error) = await ReadAsync(request, SimulatorJson.Context.FaultRule);
        if (rule is null || (error ??= rule.Validate()) is not null)
        {
            return ApiErrors.BadRequest(error ?? "A fault rule is required");
        }

        return TypedResults.Json(faults.Add(rule), SimulatorJson.Context.FaultRule, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetClockAsync(HttpRequest request, SimulatorClock clock, SimulatorWorld world)
    {
        var (body, error) = await ReadAsync(request, SimulatorJson.Context.AdminClockRequest);
        if (body is null)
        {
            return ApiErrors.BadRequest(error ?? "speed or advance_seconds is required");
        }

        if (body.Speed is { } speed)
        {
            if (!double.IsFinite(speed) || speed is <= 0 or > 100_000)
            {
                return ApiErrors.BadRequest("speed must be > 0 and ≤ 100000");
            }

            clock.SetSpeed(speed);
        }

        if (body.AdvanceSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds is < 0 or > 366 * 86_400)
            {
                return ApiErrors.BadRequest("advance_seconds must be between 0 and one year");
            }

            clock.Advance(TimeSpan.FromSeconds(seconds));
        }

        world.Tick();
        return TypedResults.Json(Clock(clock), SimulatorJson.Context.AdminClock);
    }

    private static async Task<IResult> SetSettingsAsync(HttpRequest request, RuntimeSettings settings)
    {
        var (body, error) = await ReadAsync(request, SimulatorJson.Context.AdminSettings);
        if (body is null)
        {
            return ApiErrors.BadRequest(error ?? "A settings object is required");
        }

        if (!TryEnum<ValidationStyle>(body.ValidationStyle, out var style) || !TryEnum<DndCallBehavior>(body.DndCallBehavior, out var dnd) || !TryEnum<CallIdStyle>(body.CallIdStyle, out var idStyle))
        {
            return ApiErrors.BadRequest("validation_style must be v1|intro, dnd_call_behavior reject|fail_call, call_id_style uuid|prefixed");
        }

        // "" puts the D1 default back; anything else must be JSON.
        if (body.UnauthorizedBody is { Length: > 0 } raw)
        {
            try
            {
                using var _ = JsonDocument.Parse(raw);
            }
            catch (JsonException)
            {
                return ApiErrors.BadRequest("unauthorized_body must be JSON text");
            }

            settings.UnauthorizedBody = raw;
        }
        else if (body.UnauthorizedBody is not null)
        {
            settings.UnauthorizedBody = null;
        }

        settings.ValidationStyle = style ?? settings.ValidationStyle;
        settings.DndCallBehavior = dnd ?? settings.DndCallBehavior;
        settings.CallIdStyle = idStyle ?? settings.CallIdStyle;
        if (body.ChatReply is not null)
        {
            settings.ChatReply = body.ChatReply.Length == 0 ? null : body.ChatReply;
        }

        return TypedResults.Json(Settings(settings), SimulatorJson.Context.AdminSettings);
    }

    private static async Task<IResult> RenameAgentAsync(string uuid, HttpRequest request, SimulatorWorld world)
    {
        var (body, error) = await ReadAsync(request, SimulatorJson.Context.AdminAgentPatch);
        if (body?.Name is not { Length: > 0 } name)
        {
            return ApiErrors.BadRequest(error ?? "name is required");
        }

        return world.RenameAgent(uuid, name) is { } agent
            ? TypedResults.Json(new AdminAgent(agent.Id, agent.Uuid, agent.Name, agent.State.ToString().ToLowerInvariant(), agent.Channel.ToString().ToLowerInvariant(), agent.HasOutboundTrunk), SimulatorJson.Context.AdminAgent)
            : ApiErrors.NotFound("Unknown agent");
    }

    private static async Task<IResult> CreateCallAsync(HttpRequest request, SimulatorWorld world)
    {
        var (body, error) = await ReadAsync(request, SimulatorJson.Context.AdminCreateCallRequest);
        if (body is null)
        {
            return ApiErrors.BadRequest(error ?? "A call is required");
        }

        var status = body.Status ?? CallStatuses.Picked;
        if (!CallStatuses.IsKnown(status) || status == CallStatuses.InProgress)
        {
            return ApiErrors.BadRequest("status must be a final call status");
        }

        if (body.DurationSeconds is < 1 or > 86_400)
        {
            return ApiErrors.BadRequest("duration_seconds must be between 1 and 86400");
        }

        string? phone = null;
        if (body.PhoneNumber is { } raw && !PhoneNormalizer.TryNormalize(raw, out phone!))
        {
            return ApiErrors.BadRequest("phone_number is not a valid phone number");
        }

        var token = body.Account?.ToLowerInvariant() switch
        {
            null or "primary" => SimulatorDefaults.PrimaryToken,
            "secondary" => SimulatorDefaults.SecondaryToken,
            var other => other,
        };
        var id = world.CreateFinishedCall(new FinishedCallSpec(token, body.DurationSeconds, body.AgentUuid, phone, status, body.CreatedAt, body.PersonName, body.Text));
        if (id is null)
        {
            return ApiErrors.NotFound("Unknown account or agent");
        }

        var duration = status == CallStatuses.Picked ? body.DurationSeconds : 0;
        return TypedResults.Json(new AdminCreatedCall(id, status, duration, status == CallStatuses.Picked ? 44 + ((long)duration * Recordings.WavStream.SampleRate * 2) : 0),
            SimulatorJson.Context.AdminCreatedCall, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetCampaignStatusAsync(long id, HttpRequest request, SimulatorWorld world)
    {
        var (body, error) = await ReadAsync(request, SimulatorJson.Context.AdminCampaignStatusRequest);
        if (body?.Status is not { } status || !CampaignStatuses.IsKnown(status))
        {
            return ApiErrors.BadRequest(error ?? "status must be active, inactive or completed");
        }

        return world.SetCampaignStatus(id, status)
            ? TypedResults.Json(new AdminCampaign(id, status), SimulatorJson.Context.AdminCampaign)
            : ApiErrors.NotFound();
    }

    private static AdminClock Clock(SimulatorClock clock)
    {
        var now = clock.UtcNow;
        return new AdminClock(Timestamps.Ist(now), Timestamps.ChatUtc(now), clock.Speed);
    }

    private static AdminSettings Settings(RuntimeSettings settings) => new(
        settings.ValidationStyle == ValidationStyle.Intro ? "intro" : "v1",
        settings.UnauthorizedBody,
        settings.DndCallBehavior == DndCallBehavior.FailCall ? "fail_call" : "reject",
        settings.CallIdStyle == CallIdStyle.Prefixed ? "prefixed" : "uuid",
        settings.ChatReply);

    private static bool TryEnum<T>(string? value, out T? result)
        where T : struct, Enum
    {
        result = null;
        if (value is null)
        {
            return true;
        }

        if (Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            result = parsed;
            return true;
        }

        return false;
    }

    private static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, "Malformed JSON: " + ex.Message.Split('.', 2)[0].ToString(CultureInfo.InvariantCulture));
        }
    }
}
