using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Dnd;

/// <summary>Whether one agent's DND list holds a number.</summary>
/// <param name="State">Blocked, not blocked, or unknown (the list could not be read).</param>
/// <param name="Entry">The entry, when blocked.</param>
/// <param name="Error">Why the list could not be read.</param>
public sealed record DndLookup(DndCheckState State, DndEntryView? Entry, OsviError? Error);

/// <summary>The one way the dashboard asks "is this number on this agent's DND list?" (the DND checker, the start-call
/// dialog's warning). OSVI's search is a partial match, so every page of partial matches is read until the exact
/// number turns up.</summary>
internal static class DndNumberLookup
{
    /// <summary>OSVI's largest page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>Pages of partial matches read at most before the answer is "unknown".</summary>
    public const int MaxPages = 20;

    public static async Task<DndLookup> FindAsync(OsviGateway osvi, string agentUuid, PhoneParseResult number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(osvi);
        ArgumentNullException.ThrowIfNull(number);
        if (number.E164 is not { } e164)
        {
            throw new ArgumentException("Only a valid number can be looked up.", nameof(number));
        }

        // The national number is a substring of the stored E.164 whatever prefix OSVI's search expects.
        var search = number.NationalNumber ?? e164.TrimStart('+');
        for (var page = 1; page <= MaxPages; page++)
        {
            var query = new DndListQuery { AgentUuid = agentUuid, Search = search, Page = page, PerPage = MaxPerPage };
            var result = await osvi.SendAsync("check the DND list", (api, token) => api.ListDndNumbersAsync(query, token), ct);
            if (!result.Succeeded)
            {
                return new DndLookup(DndCheckState.Unknown, null, result.Error);
            }

            var entries = result.Value.Data;
            if (entries.FirstOrDefault(entry => SameNumber(entry.Phone, e164)) is { } match)
            {
                return new DndLookup(DndCheckState.Blocked, ToView(match), null);
            }

            var perPage = result.Value.Meta.PerPage > 0 ? result.Value.Meta.PerPage : MaxPerPage;
            if (entries.Count == 0 || page * perPage >= result.Value.Meta.TotalCount)
            {
                return new DndLookup(DndCheckState.NotBlocked, null, null);
            }
        }

        return new DndLookup(DndCheckState.Unknown, null, new OsviError(OsviErrorKind.Unexpected, null,
            $"Too many entries partly match this number to read them all ({MaxPages * MaxPerPage}+); search the agent's list.", []));
    }

    /// <summary>True when a listed number (as OSVI stored it) is the E.164 number.</summary>
    public static bool SameNumber(string listed, string e164) =>
        string.Equals(listed, e164, StringComparison.Ordinal) || PhoneNumberRules.Parse(listed, "IN").E164 == e164;

    public static DndEntryView ToView(DndEntry entry) => new(entry.Id, entry.AgentUuid, entry.Phone, entry.Reason, entry.CreatedAt);
}
