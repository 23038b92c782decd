using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Osvi.Simulator.Auth;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Endpoints;

/// <summary>Campaigns: add contacts (§3.8, D10, D11) and the status snapshot (§3.9).</summary>
internal static class CampaignsEndpoints
{
    /// <summary>Most contacts one request may carry (D11).</summary>
    public const int MaxContacts = 10_000;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/campaigns/{id}/contacts", AddContactsAsync);
        v1.MapGet("/campaigns/{id}/status", Status);
    }

    private static async Task<IResult> AddContactsAsync(string id, HttpContext context, SimulatorWorld world, ApiErrors errors, IOptions<SimulatorOptions> options)
    {
        var account = context.GetAccount();
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var campaignId) || !world.CampaignExists(account, campaignId))
        {
            return ApiErrors.NotFound();
        }

        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            return ApiErrors.BadRequest(bodyError!);
        }

        using (body)
        {
            var agentUuid = body.String("agent_uuid", required: true);
            var contacts = body.Array("contacts", required: true);
            if (body.MissingParam is null && contacts is { } list && list.GetArrayLength() == 0)
            {
                return errors.ParamMissing("contacts");
            }

            if (body.MissingParam is { } missing)
            {
                return errors.ParamMissing(missing);
            }

            var enqueue = body.Bool(body.Root, "enqueue", "enqueue") ?? false;
            if (contacts is { } array && array.GetArrayLength() > MaxContacts)
            {
                return errors.Validation([new FieldError("contacts", $"contacts must contain at most {MaxContacts} entries; split larger imports")]);
            }

            var rows = contacts is { } items ? ParseRows(body, items) : [];
            if (body.Errors.Count > 0 || agentUuid is null)
            {
                var details = body.Errors.Count > 0 ? body.Errors : [new FieldError("agent_uuid", "agent_uuid must be a string")];
                var error = details.Count == 1 ? details[0].Message : $"{details.Count} fields are invalid; nothing was stored";
                return errors.Validation(error, details);
            }

            var (result, problem) = world.AddContacts(account, campaignId, agentUuid, rows, enqueue);
            return problem switch
            {
                ContactsError.CampaignNotFound or ContactsError.AgentNotFound => ApiErrors.NotFound(),
                ContactsError.NoOutboundTrunk => errors.Validation([new FieldError("enqueue", "The agent has no active outbound trunk configured")]),
                ContactsError.AgentNotActive => errors.Validation([new FieldError("enqueue", "The agent is not active")]),
                _ => TypedResults.Json(new Envelope<ContactsResultDto>(true, result!), SimulatorJson.Context.EnvelopeContactsResultDto),
            };
        }
    }

    private static List<ContactRow> ParseRows(JsonBody body, JsonElement contacts)
    {
        var rows = new List<ContactRow>(contacts.GetArrayLength());
        var index = 0;
        foreach (var item in contacts.EnumerateArray())
        {
            var path = $"contacts[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                body.AddError(path, $"{path} must be a JSON object");
                continue;
            }

            var phone = body.String(item, "phone", path + ".phone");
            var name = body.String(item, "person_name", path + ".person_name");
            if (phone is null || !PhoneNormalizer.TryNormalize(phone, out var e164))
            {
                if (!body.Errors.Any(e => e.Field == path + ".phone"))
                {
                    body.AddError(path + ".phone", $"{path}.phone is not a valid phone number");
                }

                continue;
            }

            JsonObject? extra = null;
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("phone" or "person_name"))
                {
                    extra ??= [];
                    extra[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                }
            }

            rows.Add(new ContactRow(e164, name, extra));
        }

        return rows;
    }

    private static IResult Status(string id, HttpContext context, SimulatorWorld world) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var campaignId) && world.GetCampaignStatus(context.GetAccount(), campaignId) is { } status
            ? TypedResults.Json(new Envelope<CampaignStatusDto>(true, status), SimulatorJson.Context.EnvelopeCampaignStatusDto)
            : ApiErrors.NotFound();
}
