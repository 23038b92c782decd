using Microsoft.Extensions.Options;
using Osvi.Simulator.Auth;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Endpoints;

/// <summary>DND: add (§3.10, 201, D2), list (§3.11), remove (§3.12, query params, D3).</summary>
internal static class DndEndpoints
{
    /// <summary>D2's message for a number already on the list.</summary>
    public const string DuplicateMessage = "Phone has already been taken";

    /// <summary>D3's message for a number not on the list.</summary>
    public const string NotOnListMessage = "Phone not found in DND list";

    /// <summary>The success message of DELETE.</summary>
    public const string RemovedMessage = "Phone removed from DND list";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/dnd_numbers", AddAsync);
        v1.MapGet("/dnd_numbers", List);
        v1.MapDelete("/dnd_numbers", Remove);
    }

    private static async Task<IResult> AddAsync(HttpContext context, SimulatorWorld world, ApiErrors errors, IOptions<SimulatorOptions> options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var agentUuid = body.String("agent_uuid", required: true);
            var phone = body.String("phone", required: true);
            if (body.MissingParam is { } missing)
            {
                return errors.ParamMissing(missing);
            }

            var reason = body.String("reason");
            var e164 = "";
            if (phone is not null && !PhoneNormalizer.TryNormalize(phone, out e164))
            {
                body.AddError("phone", "phone is not a valid phone number");
            }

            if (body.Errors.Count > 0 || agentUuid is null)
            {
                return errors.Validation(body.Errors.Count > 0 ? body.Errors : [new FieldError("agent_uuid", "agent_uuid must be a string")]);
            }

            var (entry, error) = world.AddDnd(context.GetAccount(), agentUuid, e164, reason);
            return error switch
            {
                DndError.AgentNotFound => ApiErrors.NotFound(),
                DndError.Duplicate => ApiErrors.Unprocessable(DuplicateMessage),
                _ => TypedResults.Json(new Envelope<DndEntryDto>(true, entry!), SimulatorJson.Context.EnvelopeDndEntryDto, statusCode: StatusCodes.Status201Created),
            };
        }
    }

    private static IResult List(HttpContext context, SimulatorWorld world, ApiErrors errors)
    {
        var request = context.Request;
        if (QueryParams.Get(request, "agent_uuid") is not { } agentUuid)
        {
            return errors.ParamMissing("agent_uuid");
        }

        var (page, perPage, problems) = QueryParams.Paging(request);
        if (problems.Count > 0)
        {
            return errors.Validation(problems);
        }

        var (items, total, error) = world.ListDnd(context.GetAccount(), agentUuid, QueryParams.PhoneFragment(QueryParams.Get(request, "search")), page, perPage);
        return error == DndError.AgentNotFound
            ? ApiErrors.NotFound()
            : TypedResults.Json(new PagedEnvelope<DndEntryDto>(true, items, QueryParams.Meta(page, perPage, total)), SimulatorJson.Context.PagedEnvelopeDndEntryDto);
    }

    private static IResult Remove(HttpContext context, SimulatorWorld world, ApiErrors errors)
    {
        var request = context.Request;
        var agentUuid = QueryParams.Get(request, "agent_uuid");
        var phone = QueryParams.Get(request, "phone");
        if (agentUuid is null || phone is null)
        {
            return errors.ParamMissing(agentUuid is null ? "agent_uuid" : "phone");
        }

        // An unencoded '+' arrives as a space; the digits still normalise.
        var e164 = PhoneNormalizer.TryNormalize(phone, out var normalized) ? normalized : null;
        return world.RemoveDnd(context.GetAccount(), agentUuid, e164) switch
        {
            DndError.AgentNotFound => ApiErrors.NotFound(),
            DndError.PhoneNotFound => ApiErrors.NotFound(NotOnListMessage),
            _ => TypedResults.Json(new MessageEnvelope(true, RemovedMessage), SimulatorJson.Context.MessageEnvelope),
        };
    }
}
