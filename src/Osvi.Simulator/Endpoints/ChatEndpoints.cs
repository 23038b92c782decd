using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Osvi.Simulator.Auth;
using Osvi.Simulator.Chat;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.Endpoints;

/// <summary>Chat v1 (§3.13–3.17, D13): create, inbound, active lookup, support commands, inject context.</summary>
internal static class ChatEndpoints
{
    /// <summary>D13: any command or inbound message on a closed session.</summary>
    public const string SessionClosedMessage = "Session is closed";

    /// <summary>D13: a plain operator message outside support mode.</summary>
    public const string NotInSupportModeMessage = "Session is not in support mode";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/session", CreateAsync);
        v1.MapPost("/chat/inbound", InboundAsync);
        v1.MapGet("/chat/session/active", Active);
        v1.MapPost("/chat/session/{id}/support", SupportAsync);
        v1.MapPost("/chat/session/{id}/inject_context", InjectContextAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ChatEngine chat, ApiErrors errors, IOptions<SimulatorOptions> options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var agentUuid = body.String("agent_uuid", required: true);
            var customerId = body.String("customer_id", required: true);
            if (body.MissingParam is { } missing)
            {
                return errors.ParamMissing(missing);
            }

            var inputFields = body.Object(body.Root, "input_fields", "input_fields");
            var contextEntries = new List<string>();
            if (body.Array("context") is { } entries)
            {
                var index = 0;
                foreach (var entry in entries.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.String)
                    {
                        contextEntries.Add(entry.GetString()!);
                    }
                    else if (entry.ValueKind != JsonValueKind.Null)
                    {
                        body.AddError($"context[{index}]", $"context[{index}] must be a string");
                    }

                    index++;
                }
            }

            if (body.Errors.Count > 0 || agentUuid is null || customerId is null)
            {
                return errors.Validation(body.Errors.Count > 0 ? body.Errors : [new FieldError("agent_uuid", "agent_uuid and customer_id must be strings")]);
            }

            var fields = inputFields is { } raw ? JsonNode.Parse(raw.GetRawText()) as JsonObject : null;
            var (session, _) = chat.Create(context.GetAccount(), agentUuid, customerId, fields, contextEntries);
            return session is null
                ? ApiErrors.NotFound()
                : TypedResults.Json(new Envelope<ChatSessionDto>(true, session), SimulatorJson.Context.EnvelopeChatSessionDto);
        }
    }

    private static async Task<IResult> InboundAsync(HttpContext context, ChatEngine chat, ApiErrors errors, IOptions<SimulatorOptions> options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var agentUuid = body.String("agent_uuid", required: true);
            var customerId = body.String("customer_id", required: true);
            var content = body.String("content", required: true);
            if (body.MissingParam is { } missing)
            {
                return errors.ParamMissing(missing);
            }

            var sessionId = body.String("session_id");
            if (body.Errors.Count > 0 || agentUuid is null || customerId is null || content is null)
            {
                return errors.Validation(body.Errors.Count > 0 ? body.Errors : [new FieldError("content", "content must be a string")]);
            }

            var (result, error) = chat.Inbound(context.GetAccount(), agentUuid, customerId, content, sessionId);
            return Respond(result, error, SimulatorJson.Context.EnvelopeInboundResultDto, errors);
        }
    }

    private static IResult Active(HttpContext context, ChatEngine chat, ApiErrors errors)
    {
        if (QueryParams.Get(context.Request, "customer_id") is not { } customerId)
        {
            return errors.ParamMissing("customer_id");
        }

        var account = context.GetAccount();
        if (QueryParams.Get(context.Request, "agent_uuid") is { } agentUuid)
        {
            var (session, error) = chat.GetActive(account, customerId, agentUuid);
            return Respond(session, error, SimulatorJson.Context.EnvelopeChatSessionDto, errors);
        }

        return TypedResults.Json(new Envelope<Dictionary<string, ChatSessionDto>>(true, chat.GetActiveByAgent(account, customerId)), SimulatorJson.Context.EnvelopeDictionaryStringChatSessionDto);
    }

    private static async Task<IResult> SupportAsync(string id, HttpContext context, ChatEngine chat, ApiErrors errors, IOptions<SimulatorOptions> options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var command = body.String("command");
            var message = body.String("message");
            if (body.Errors.Count > 0)
            {
                return errors.Validation(body.Errors);
            }

            var (result, error) = chat.Support(context.GetAccount(), id, command, message);
            return Respond(result, error, SimulatorJson.Context.EnvelopeSupportResultDto, errors);
        }
    }

    private static async Task<IResult> InjectContextAsync(string id, HttpContext context, ChatEngine chat, ApiErrors errors, IOptions<SimulatorOptions> options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var entry = body.String("context", required: true);
            if (body.MissingParam is { } missing)
            {
                return errors.ParamMissing(missing);
            }

            if (body.Errors.Count > 0 || entry is null)
            {
                return errors.Validation(body.Errors);
            }

            var (result, error) = chat.InjectContext(context.GetAccount(), id, entry);
            return Respond(result, error, SimulatorJson.Context.EnvelopeInjectContextResultDto, errors);
        }
    }

    private static IResult Respond<T>(T? data, ChatError error, System.Text.Json.Serialization.Metadata.JsonTypeInfo<Envelope<T>> typeInfo, ApiErrors errors)
        where T : class => error switch
        {
            ChatError.NotFound => ApiErrors.NotFound(),
            ChatError.Closed => ApiErrors.BadRequest(SessionClosedMessage),
            ChatError.NotInSupportMode => ApiErrors.BadRequest(NotInSupportModeMessage),
            ChatError.MessageMissing => errors.ParamMissing("message"),
            ChatError.UnknownCommand => errors.Validation([new FieldError("command", $"command must be one of {string.Join(", ", ChatEngine.Commands)}")]),
            _ => TypedResults.Json(new Envelope<T>(true, data!), typeInfo),
        };
}
