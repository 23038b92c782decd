using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Theme;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>Every filter <c>GET /v1/calls</c> offers. It edits a copy and reports each change at once; the page puts
/// the filter in the URL, so the URL stays the only state.</summary>
/// <remarks>The bar is open all day in many browsers and every component costs each circuit its state and two render
/// buffers, so only the agent picker and the date range (real widgets with popovers) are MudBlazor components; the
/// status chips, the typed fields, the type select and the footer are MudBlazor's markup and classes, with handlers
/// created once per bar so a render never re-registers them.</remarks>
public sealed partial class CallLogFilters : IDisposable
{
    /// <summary>How long typing must pause before the typed filters apply (MudBlazor's debounce did the same).</summary>
    public static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(600);

    private const string ChipClass = "mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-default mud-clickable mud-ripple";
    private const string SelectedChipClass = ChipClass + " mud-chip-selected";
    private const string InputControlClass = "mud-input-control mud-input-control-margin-dense mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed";
    private const string InputClass = "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed";
    private const string LabelClass = "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol";

    private static readonly MarkupString CheckMark = SvgIcon.Of(Icons.Material.Filled.Check, Size.Small, "mud-chip-icon");
    private static readonly MarkupString ClearIcon = SvgIcon.Of(Icons.Material.Filled.Clear, Size.Small);
    private static readonly MarkupString DropDownArrow = SvgIcon.Of(Icons.Material.Filled.ArrowDropDown, Size.Medium, "mud-icon-default mud-input-adornment-icon");
    private static readonly MarkupString TimeIcon = SvgIcon.Of(Icons.Material.Outlined.Schedule, Size.Small, "osvi-inline-icon");
    private static readonly MarkupString ClearFiltersIcon = SvgIcon.Of(Icons.Material.Outlined.FilterAltOff, Size.Small);

    // The chips' text and colour are the same in every circuit; only their click handlers are per bar.
    private static readonly (CallStatus Status, string Label, string Style)[] s_chipLooks =
        [.. CallStatusStyle.DisplayOrder.Select(status => (status, CallStatusStyle.Of(status).Label, $"--osvi-status: {CallStatusStyle.Of(status).Color}"))];

    private readonly StatusChip[] _chips;
    private readonly TypedField _phone;
    private readonly TypedField _campaign;
    private readonly TypedField _upload;
    private readonly TypedField[] _typed;
    private CancellationTokenSource? _pause;
    private CallFilter _draft = CallFilter.None;
    private DateRange? _dates;
    private string? _agentError;
    private CallFilter? _shown;

    public CallLogFilters()
    {
        _chips = [.. s_chipLooks.Select(look => new StatusChip(look.Status, look.Label, look.Style, EventCallback.Factory.Create(this, () => ToggleStatusAsync(look.Status))))];
        _phone = Field("filter-phone", "Phone number", "Part of the number, e.g. 98765", "tel",
            filter => filter.PhoneNumber,
            (filter, text) => filter with { PhoneNumber = text.Length == 0 ? null : text });
        _campaign = Field("filter-campaign", "Campaign id", "e.g. 7", "numeric",
            filter => Text(filter.CampaignId),
            (filter, text) => ParseId(text) is (true, var id) ? filter with { CampaignId = id } : null);
        _upload = Field("filter-upload", "Upload id", "A contact upload", "numeric",
            filter => Text(filter.CampaignUploadId),
            (filter, text) => ParseId(text) is (true, var id) ? filter with { CampaignUploadId = id } : null);
        _typed = [_phone, _campaign, _upload];
    }

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

    [Inject]
    public required TimeProvider Time { get; init; }

    private string ActiveCount
    {
        get
        {
            var count = _draft.ToQueryParameters().Count();
            return count == 1 ? "1 filter" : $"{count.ToString(CultureInfo.InvariantCulture)} filters";
        }
    }

    private string CallTypeValue => _draft.CallType?.Value ?? "";

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

        var previous = _shown;
        _shown = Filter;
        _draft = Filter;
        _dates = Filter.StartDay is null && Filter.EndDay is null ? null
            : new DateRange(Filter.StartDay?.ToDateTime(TimeOnly.MinValue), Filter.EndDay?.ToDateTime(TimeOnly.MinValue));
        _agentError = null;

        // A typed field follows the URL only when the URL changed that field (back button, a link, clear) and nothing
        // typed is waiting for the pause: what the user typed is never replaced, and text that already says what the
        // filter holds (" 98765 " for 98765) stays as typed.
        foreach (var field in _typed)
        {
            var value = field.Read(Filter);
            if (_pause is null && (previous is null || value != field.Read(previous)) && !Equals(field.Apply(Filter, field.Text.Trim()), Filter))
            {
                field.Text = value ?? "";
                field.Error = null;
            }
        }
    }

    public void Dispose() => StopPause();

    private Task ToggleStatusAsync(CallStatus status)
    {
        var chosen = _draft.Statuses.ToHashSet();
        if (!chosen.Remove(status))
        {
            chosen.Add(status);
        }

        return ChangeAsync(_draft with { Statuses = [.. CallStatus.Known.Where(chosen.Contains)] });
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
            return ChangeAsync(_draft with { AgentUuid = null });
        }

        var agent = Agents?.FirstOrDefault(a => a.Id == text) ?? Agents?.FirstOrDefault(a => string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase));
        if (agent is not null)
        {
            _agentError = null;
            return ChangeAsync(_draft with { AgentUuid = agent.Id });
        }

        if (AgentIds.LooksLikeAgentId(text))
        {
            _agentError = null;
            return ChangeAsync(_draft with { AgentUuid = text });
        }

        _agentError = "Pick an agent from the list, or paste an agent id (agent_…).";
        return Task.CompletedTask;
    }

    private Task OnCallTypeChangedAsync(ChangeEventArgs args) =>
        ChangeAsync(_draft with { CallType = args.Value is string { Length: > 0 } value ? CallType.From(value) : null });

    // Every keystroke restarts the pause; only the last one, once the user stops typing, applies what is typed.
    private async Task OnTypedAsync(TypedField field, ChangeEventArgs args)
    {
        field.Text = args.Value as string ?? "";
        StopPause();
        var pause = _pause = new CancellationTokenSource();
        try
        {
            await Task.Delay(TypingPause, Time, pause.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // A keystroke may have landed between the timer firing and this continuation running: it owns the pause now.
        if (!ReferenceEquals(pause, _pause))
        {
            return;
        }

        await ApplyTypedAsync();
    }

    // Enter or leaving the field (the browser's change event) applies at once, as MudBlazor's debounced fields did.
    private Task OnCommittedAsync(TypedField field, ChangeEventArgs args)
    {
        field.Text = args.Value as string ?? "";
        return ApplyTypedAsync();
    }

    private Task OnClearedAsync(TypedField field)
    {
        field.Text = "";
        return ApplyTypedAsync();
    }

    private Task ApplyTypedAsync()
    {
        StopPause();
        var next = _draft;
        foreach (var field in _typed)
        {
            var applied = field.Apply(next, field.Text.Trim());
            field.Error = applied is null ? IdProblem(field.Text.Trim()) : null;
            next = applied ?? next;
        }

        return ChangeAsync(next);
    }

    private void StopPause()
    {
        if (_pause is { } pause)
        {
            _pause = null;
            pause.Cancel();
            pause.Dispose();
        }
    }

    private Task OnDatesChangedAsync(DateRange? range)
    {
        _dates = range;
        return ChangeAsync(_draft with
        {
            StartDate = range?.Start is { } start ? CallFilter.FormatDay(DateOnly.FromDateTime(start)) : null,
            EndDate = range?.End is { } end ? CallFilter.FormatDay(DateOnly.FromDateTime(end)) : null,
        });
    }

    private Task ClearAsync()
    {
        StopPause();
        foreach (var field in _typed)
        {
            field.Text = "";
            field.Error = null;
        }

        return ChangeAsync(CallFilter.None);
    }

    // Changes build on the last filter sent, not the last one the URL brought back, so two quick clicks both count.
    private async Task ChangeAsync(CallFilter next)
    {
        if (Equals(next, _draft))
        {
            return;
        }

        _draft = next;
        await FilterChanged.InvokeAsync(next);
    }

    private TypedField Field(string id, string label, string helper, string inputMode,
        Func<CallFilter, string?> read, Func<CallFilter, string, CallFilter?> apply)
    {
        var field = new TypedField(id, label, helper, inputMode, read, apply);
        field.Typed = EventCallback.Factory.Create<ChangeEventArgs>(this, args => OnTypedAsync(field, args));
        field.Committed = EventCallback.Factory.Create<ChangeEventArgs>(this, args => OnCommittedAsync(field, args));
        field.Cleared = EventCallback.Factory.Create(this, () => OnClearedAsync(field));
        return field;
    }

    private static string? Text(long? id) => id?.ToString(CultureInfo.InvariantCulture);

    // Empty clears the filter; anything else must be a whole number from 1 (OSVI's ids).
    private static (bool Valid, long? Id) ParseId(string text) =>
        text.Length == 0 ? (true, null)
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id >= 1 ? (true, id)
        : (false, null);

    // Short enough for the narrow field's helper line, and says what to fix.
    private static string IdProblem(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "Ids start at 1"
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? "Not a whole number"
        : "Not a valid number";

    private sealed record StatusChip(CallStatus Status, string Label, string Style, EventCallback Toggle);

    /// <summary>A filter typed as text: what the input holds, its message, and how it reads from and applies to the
    /// filter (<see cref="Apply"/> returns null when the text is not a valid value).</summary>
    private sealed class TypedField(string id, string label, string helper, string inputMode,
        Func<CallFilter, string?> read, Func<CallFilter, string, CallFilter?> apply)
    {
        public string Id { get; } = id;
        public string HelperId { get; } = id + "-helper-text";
        public string Label { get; } = label;
        public string ClearLabel { get; } = "Clear " + label.ToLowerInvariant();
        public string Helper { get; } = helper;
        public string InputMode { get; } = inputMode;
        public Func<CallFilter, string?> Read { get; } = read;
        public Func<CallFilter, string, CallFilter?> Apply { get; } = apply;
        public string Text { get; set; } = "";
        public string? Error { get; set; }
        public EventCallback<ChangeEventArgs> Typed { get; set; }
        public EventCallback<ChangeEventArgs> Committed { get; set; }
        public EventCallback Cleared { get; set; }
    }
}
