using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>A call-log row's cells as one piece of markup: a render tree of a few frames per row instead of ~90, and one
/// string per call, time zone and shown number that every circuit watching the same shared page reuses. Every text from
/// OSVI goes through <see cref="SafeHtml"/>; the cells are the shared controls' own markup. The row element itself stays
/// in the page, keyed by call id (<see cref="HasUniqueIds"/>), so a refresh that brings new calls inserts their rows and
/// moves the others instead of rewriting every row in place and sending them all to the browser again.</summary>
public static class CallLogRow
{
    // Keyed by the call record itself, so a row lives exactly as long as some page still holds its call.
    private static readonly ConditionalWeakTable<CallListItem, ConcurrentDictionary<(string Zone, string Phone), MarkupString>> s_rows = new();

    /// <summary>The cells of a call's row for a viewer in <paramref name="zone"/> who sees the number as <paramref name="shownPhone"/>.</summary>
    public static MarkupString Cells(CallListItem call, IViewerTimeZone zone, string shownPhone)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(zone);
        var rows = s_rows.GetValue(call, static _ => new(concurrencyLevel: 1, capacity: 1));
        return rows.GetOrAdd((zone.Zone.Id, shownPhone), static (key, state) => Build(state.Call, state.Zone, key.Phone), (Call: call, Zone: zone));
    }

    private static MarkupString Build(CallListItem call, IViewerTimeZone zone, string shownPhone)
    {
        var html = new StringBuilder(1536);
        html.Append("<td class=\"mud-table-cell\"><a href=\"calls/").Append(SafeHtml.Encode(Uri.EscapeDataString(call.CallId)))
            .Append("\" class=\"osvi-call-link\" data-call-id=\"").Append(SafeHtml.Encode(call.CallId)).Append("\">")
            .Append(ViewerTime.Html(zone, call.CreatedAt)).Append("</a></td>");

        html.Append("<td class=\"mud-table-cell\"><span class=\"osvi-call-agent\" title=\"").Append(SafeHtml.Encode(call.AgentUuid)).Append("\">")
            .Append(SafeHtml.Encode(call.AgentName)).Append("</span></td>");

        html.Append("<td class=\"mud-table-cell\">").Append(PhoneNumberText.Html(shownPhone)).Append("</td>");
        html.Append("<td class=\"mud-table-cell\">").Append(CallStatusChip.Html(call.Status)).Append("</td>");

        var icon = call.CallType == CallType.Inbound ? Icons.Material.Outlined.CallReceived : Icons.Material.Outlined.CallMade;
        html.Append("<td class=\"mud-table-cell\"><span class=\"osvi-call-type\" data-type=\"").Append(SafeHtml.Encode(call.CallType.Value)).Append("\">")
            .Append(SvgIcon.Html(icon, Size.Small)).Append(SafeHtml.Encode(CallFormat.Type(call.CallType))).Append("</span></td>");

        html.Append("<td class=\"mud-table-cell osvi-num\"><span data-duration=\"").Append(call.DurationSeconds.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(SafeHtml.Encode(CallFormat.Duration(call.DurationSeconds))).Append("</span></td>");

        html.Append("<td class=\"mud-table-cell osvi-cell-wrap\">");
        if (call.EndedBy is null && call.EndedReason is null)
        {
            html.Append("<span class=\"osvi-muted\">—</span>");
        }
        else
        {
            html.Append("<div class=\"osvi-call-ended\"><div>").Append(SafeHtml.Encode(CallFormat.EndedBy(call.EndedBy)))
                .Append("</div><div class=\"osvi-muted\">").Append(SafeHtml.Encode(CallFormat.Reason(call.EndedReason))).Append("</div></div>");
        }

        html.Append("</td><td class=\"mud-table-cell\">");
        if (call.CampaignId is { } campaign)
        {
            var id = campaign.ToString(CultureInfo.InvariantCulture);
            html.Append("<a href=\"campaigns/").Append(id).Append("\" class=\"osvi-call-campaign\">").Append(id).Append("</a>");
            if (call.CampaignUploadId is { } upload)
            {
                html.Append("<span class=\"osvi-muted\"> · upload ").Append(upload.ToString(CultureInfo.InvariantCulture)).Append("</span>");
            }
        }
        else
        {
            html.Append("<span class=\"osvi-muted\">—</span>");
        }

        html.Append("</td><td class=\"mud-table-cell\">").Append(CallTagChip.Html(call.Tag)).Append("</td>");
        return new MarkupString(html.ToString());
    }

    /// <summary>True when no call id repeats on the page: only then can rows be keyed by it (Blazor refuses a repeated
    /// key, and a page read while OSVI's list shifts may hold one call twice).</summary>
    public static bool HasUniqueIds(IReadOnlyList<CallListItem> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var seen = new HashSet<string>(calls.Count, StringComparer.Ordinal);
        return calls.All(call => seen.Add(call.CallId));
    }
}
