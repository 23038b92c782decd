using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>Every filter <c>GET /v1/calls</c> offers. It edits a copy and reports each change at once; the page puts
/// the filter in the URL, so the URL stays the only state.</summary>
public sealed partial class CallLogFilters
{
    private IReadOnlyCollection<string> _statuses = [];
    private DateRange? _dates;
    private string? _agentError;
    private CallFilter? _shown;

    /// <summary>The filter in effect.</summary>
    [Parameter, EditorRequired]
    public required CallFilter Filter { get; set; }

    /// <summary>Raised with the new filter after every change.</summary>
    [Parameter]
    public EventCallback<CallFilter> FilterChanged { get; set; }

    /// <summary>The active agents (for the picker); null while loading.</summary>
    [Parameter]
    public IReadOnlyList<AgentView>? Agents { get; set; }

    /// <summary>The zone times are shown in, e.g. "Europe/Berlin, your browser's time zone".</summary>
    [Parameter]
    public string TimeZoneLabel { get; set; } = "";

    private string ActiveCount
    {
        get
        {
            var count = Filter.ToQueryParameters().Count();
            return count == 1 ? "1 filter" : $"{count.ToString(CultureInfo.InvariantCulture)} filters";
        }
    }

    // A link may carry exact timestamps instead of days; the picker shows days only, so say what is in effect.
    private string? ExactBounds =>
        (Filter.StartDate is not null && Filter.StartDay is null) || (Filter.EndDate is not null && Filter.EndDay is null)
            ? $"Exact bounds from the link: {Filter.StartDate ?? "…"} to {Filter.EndDate ?? "…"}"
            : null;

    protected override void OnParametersSet()
    {
        if (Equals(_shown, Filter))
        {
            return;
        }

        _shown = Filter;
        _statuses = [.. Filter.Statuses.Select(status => status.Value)];
        _dates = Filter.StartDay is null && Filter.EndDay is null ? null
            : new DateRange(Filter.StartDay?.ToDateTime(TimeOnly.MinValue), Filter.EndDay?.ToDateTime(TimeOnly.MinValue));
        _agentError = null;
    }

    private Task OnStatusesChangedAsync(IReadOnlyCollection<string>? values)
    {
        var chosen = values?.ToHashSet(StringComparer.Ordinal) ?? [];
        return ChangeAsync(Filter with { Statuses = [.. CallStatus.Known.Where(status => chosen.Contains(status.Value))] });
    }

    private Task<IEnumerable<string>> SearchAgentsAsync(string? text, CancellationToken ct)
    {
        var agents = Agents ?? [];
        var matches = string.IsNullOrWhiteSpace(text)
            ? agents
            : agents.Where(agent => agent.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || agent.Id.Contains(text, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(matches.Select(agent => agent.Id));
    }

    private string AgentName(string? id) =>
        id is null ? "" : Agents?.FirstOrDefault(agent => agent.Id == id)?.Name ?? id;

    private Task OnAgentChangedAsync(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            _agentError = null;
            return ChangeAsync(Filter with { AgentUuid = null });
        }

        var agent = Agents?.FirstOrDefault(a => a.Id == text) ?? Agents?.FirstOrDefault(a => string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase));
        if (agent is not null)
        {
            _agentError = null;
            return ChangeAsync(Filter with { AgentUuid = agent.Id });
        }

        if (AgentIds.LooksLikeAgentId(text))
        {
            _agentError = null;
            return ChangeAsync(Filter with { AgentUuid = text });
        }

        _agentError = "Pick an agent from the list, or paste an agent id (agent_…).";
        return Task.CompletedTask;
    }

    private Task OnPhoneChangedAsync(string? value) =>
        ChangeAsync(Filter with { PhoneNumber = string.IsNullOrWhiteSpace(value) ? null : value.Trim() });

    private Task OnCallTypeChangedAsync(string? value) =>
        ChangeAsync(Filter with { CallType = string.IsNullOrEmpty(value) ? null : CallType.From(value) });

    private Task OnCampaignChangedAsync(long? value) => ChangeAsync(Filter with { CampaignId = value is > 0 ? value : null });

    private Task OnUploadChangedAsync(long? value) => ChangeAsync(Filter with { CampaignUploadId = value is > 0 ? value : null });

    private Task OnDatesChangedAsync(DateRange? range)
    {
        _dates = range;
        return ChangeAsync(Filter with
        {
            StartDate = range?.Start is { } start ? CallFilter.FormatDay(DateOnly.FromDateTime(start)) : null,
            EndDate = range?.End is { } end ? CallFilter.FormatDay(DateOnly.FromDateTime(end)) : null,
        });
    }

    private Task ClearAsync() => ChangeAsync(CallFilter.None);

    private async Task ChangeAsync(CallFilter next)
    {
        if (Equals(next, Filter))
        {
            return;
        }

        await FilterChanged.InvokeAsync(next);
    }
}
