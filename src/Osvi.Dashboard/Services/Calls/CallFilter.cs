using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>The call log's filters: exactly what <c>GET /v1/calls</c> offers, with OSVI's own names in the URL
/// (<c>/calls?status=picked,busy&amp;agent_uuid=…&amp;start_date=2026-06-01</c>) so a link reproduces the view.</summary>
public sealed record CallFilter
{
    /// <summary>The URL query keys, as OSVI names them.</summary>
    public static class Keys
    {
        public const string Status = "status";
        public const string AgentUuid = "agent_uuid";
        public const string CampaignId = "campaign_id";
        public const string CampaignUploadId = "campaign_upload_id";
        public const string PhoneNumber = "phone_number";
        public const string CallType = "call_type";
        public const string StartDate = "start_date";
        public const string EndDate = "end_date";
    }

    /// <summary>No filter at all.</summary>
    public static CallFilter None { get; } = new();

    /// <summary>Statuses (any of them), in the documented order; empty for all.</summary>
    public IReadOnlyList<CallStatus> Statuses { get; init; } = [];

    /// <summary>Only this agent's calls.</summary>
    public string? AgentUuid { get; init; }

    /// <summary>Only calls of this campaign.</summary>
    public long? CampaignId { get; init; }

    /// <summary>Only calls of this contact upload.</summary>
    public long? CampaignUploadId { get; init; }

    /// <summary>Part of the other party's number (OSVI matches partially).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public CallType? CallType { get; init; }

    /// <summary>Inclusive lower bound on <c>call_picked_at</c> as OSVI takes it: a day (<c>2026-06-01</c>, an IST day) or
    /// an ISO-8601 timestamp.</summary>
    public string? StartDate { get; init; }

    /// <summary>Inclusive upper bound on <c>call_picked_at</c>; a day covers that whole IST day.</summary>
    public string? EndDate { get; init; }

    /// <summary>True when nothing is filtered.</summary>
    public bool IsEmpty => Equals(None);

    /// <summary>The start as a day, when it is one.</summary>
    public DateOnly? StartDay => AsDay(StartDate);

    /// <summary>The end as a day, when it is one.</summary>
    public DateOnly? EndDay => AsDay(EndDate);

    /// <summary>The OSVI query for one page of this filter.</summary>
    public CallListQuery ToApiQuery(int page, int perPage) => new()
    {
        Status = Statuses.Count == 0 ? null : [.. Statuses.Select(status => status.Value)],
        AgentUuid = AgentUuid,
        CampaignId = CampaignId,
        CampaignUploadId = CampaignUploadId,
        PhoneNumber = PhoneNumber,
        CallType = CallType?.Value,
        StartDate = StartDate,
        EndDate = EndDate,
        Page = page,
        PerPage = perPage,
    };

    /// <summary>The filter's query parameters in a stable order (empty values left out).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQueryParameters()
    {
        if (Statuses.Count > 0)
        {
            yield return new(Keys.Status, string.Join(',', Statuses.Select(status => status.Value)));
        }

        if (AgentUuid is not null)
        {
            yield return new(Keys.AgentUuid, AgentUuid);
        }

        if (CampaignId is { } campaign)
        {
            yield return new(Keys.CampaignId, campaign.ToString(CultureInfo.InvariantCulture));
        }

        if (CampaignUploadId is { } upload)
        {
            yield return new(Keys.CampaignUploadId, upload.ToString(CultureInfo.InvariantCulture));
        }

        if (PhoneNumber is not null)
        {
            yield return new(Keys.PhoneNumber, PhoneNumber);
        }

        if (CallType is { } type)
        {
            yield return new(Keys.CallType, type.Value);
        }

        if (StartDate is not null)
        {
            yield return new(Keys.StartDate, StartDate);
        }

        if (EndDate is not null)
        {
            yield return new(Keys.EndDate, EndDate);
        }
    }

    /// <summary>Reads a filter from a URL query. Values the API would reject (an unknown status, a number that is not
    /// one, a date that is not a date) are left out, so a mistyped link still opens the log.</summary>
    public static CallFilter FromQuery(IReadOnlyDictionary<string, StringValues> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statuses = Value(query, Keys.Status)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(CallStatus.From).Where(status => status.IsKnown).ToHashSet() ?? [];
        return new CallFilter
        {
            Statuses = [.. CallStatus.Known.Where(statuses.Contains)],
            AgentUuid = Value(query, Keys.AgentUuid),
            CampaignId = Number(Value(query, Keys.CampaignId)),
            CampaignUploadId = Number(Value(query, Keys.CampaignUploadId)),
            PhoneNumber = Value(query, Keys.PhoneNumber),
            CallType = Value(query, Keys.CallType) is { } type && Client.Contracts.CallType.From(type) is { IsKnown: true } known ? known : null,
            StartDate = DateValue(Value(query, Keys.StartDate)),
            EndDate = DateValue(Value(query, Keys.EndDate)),
        };
    }

    /// <summary>Reads a filter from a URL (absolute or relative).</summary>
    public static CallFilter FromUri(string uri) => FromQuery(ParseQuery(uri));

    /// <summary>The query of a URL as a dictionary.</summary>
    public static Dictionary<string, StringValues> ParseQuery(string uri)
    {
        var index = uri?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        return index < 0 ? [] : QueryHelpers.ParseQuery(uri![index..]);
    }

    /// <summary>A day as OSVI's date filter wants it.</summary>
    public static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool Equals(CallFilter? other) =>
        other is not null &&
        Statuses.SequenceEqual(other.Statuses) &&
        AgentUuid == other.AgentUuid &&
        CampaignId == other.CampaignId &&
        CampaignUploadId == other.CampaignUploadId &&
        PhoneNumber == other.PhoneNumber &&
        CallType == other.CallType &&
        StartDate == other.StartDate &&
        EndDate == other.EndDate;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var status in Statuses)
        {
            hash.Add(status);
        }

        hash.Add(AgentUuid);
        hash.Add(CampaignId);
        hash.Add(CampaignUploadId);
        hash.Add(PhoneNumber);
        hash.Add(CallType);
        hash.Add(StartDate);
        hash.Add(EndDate);
        return hash.ToHashCode();
    }

    private static string? Value(IReadOnlyDictionary<string, StringValues> query, string key) =>
        query.TryGetValue(key, out var values) && values.LastOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static string? DateValue(string? text) =>
        text is null ? null
        : AsDay(text) is not null ? text
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T', StringComparison.Ordinal) ? text
        : null;

    private static DateOnly? AsDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>What the call log shows: a filter and a page. Its URL is the page's state (shareable; back/forward work).</summary>
/// <param name="Filter">The filters.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PerPage">25, 50 or 100.</param>
public sealed record CallLogView(CallFilter Filter, int Page, int PerPage)
{
    /// <summary>The page sizes offered.</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100];

    /// <summary>The default page size (OSVI's own default).</summary>
    public const int DefaultPerPage = 25;

    /// <summary>The first page of the unfiltered log.</summary>
    public static CallLogView Default { get; } = new(CallFilter.None, 1, DefaultPerPage);

    /// <summary>Reads the view from a URL query; a bad page or size falls back to the default.</summary>
    public static CallLogView FromQuery(IReadOnlyDictionary<string, StringValues> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query.TryGetValue("page", out var p) && int.TryParse(p.LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var perPage = query.TryGetValue("per_page", out var s) && int.TryParse(s.LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size)
            ? size : DefaultPerPage;
        return new CallLogView(CallFilter.FromQuery(query), page, perPage);
    }

    /// <summary>Reads the view from a URL.</summary>
    public static CallLogView FromUri(string uri) => FromQuery(CallFilter.ParseQuery(uri));

    /// <summary>The view's relative URL, e.g. <c>calls?status=picked&amp;page=2</c> (defaults left out).</summary>
    public string ToRelativeUrl(string path = "calls")
    {
        var parameters = Filter.ToQueryParameters().ToList();
        if (Page > 1)
        {
            parameters.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        }

        if (PerPage != DefaultPerPage)
        {
            parameters.Add(new("per_page", PerPage.ToString(CultureInfo.InvariantCulture)));
        }

        return parameters.Count == 0 ? path : path + "?" + ToQueryString(parameters);
    }

    /// <summary>A query string from parameters; commas stay readable (<c>status=picked,busy</c>), as in OSVI's docs.</summary>
    public static string ToQueryString(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value).Replace("%2C", ",", StringComparison.Ordinal)));
}
