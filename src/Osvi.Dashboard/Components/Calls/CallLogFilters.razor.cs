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
/// buffers, so it renders no component at all: the status chips, the fields, the type select and the footer are
/// MudBlazor's markup and classes around native inputs, with handlers created once per bar so a render never
/// re-registers them. The agent is a text input with a datalist of the active agents (whose options every circuit
/// shares, see <see cref="AgentChoices"/>); the dates are the browser's own date inputs.</remarks>
public sealed partial class CallLogFilters : IDisposable
{
    /// <summary>How long typing must pause before the typed filters apply (MudBlazor's debounce did the same).</summary>
    public static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(600);

    private const string ChipClass = "mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-default mud-clickable mud-ripple";
    private const string SelectedChipClass = ChipClass + " mud-chip-selected";
    private const string InputControlClass = "mud-input-control mud-input-control-margin-dense mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed";
    private const string InputClass = "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed";
    private const string AgentListId = "filter-agent-options";
    private const string DatesHelperId = "filter-dates-helper-text";
    private const string AgentProblem = "Pick an agent from the list, or paste an agent id (agent_…).";
    private const string DayProblem = "Not a day (yyyy-mm-dd)";
    private const string DaysOutOfOrder = "“Dialled from” is after “Dialled to”: nothing changed";
    private const string LabelClass = "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol";
    private const string InputRootClass = "mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense";

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
    private readonly TypedField _agent;
    private readonly TypedField _from;
    private readonly TypedField _to;
    private readonly TypedField[] _dates;
    private readonly TypedField[] _fields;
    private CancellationTokenSource? _pause;
    private CallFilter _draft = CallFilter.None;
    private AgentChoices _choices = AgentChoices.None;
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

        _agent = new TypedField("filter-agent", "Agent", "An active agent, or paste any agent id", null,
            filter => filter.AgentUuid is { } id ? _choices.Show(id) : null,
            (filter, text) => AgentFor(text) is var (valid, id) && valid ? filter with { AgentUuid = id } : null)
        {
            List = AgentListId,
        };
        _agent.Typed = EventCallback.Factory.Create<ChangeEventArgs>(this, OnAgentTypedAsync);
        ApplyOnCommitOrClear(_agent, ApplyAgentAsync);

        _from = DateField("filter-date-from", "Dialled from", filter => filter.StartDay, (filter, day) => filter with { StartDate = day });
        _to = DateField("filter-date-to", "Dialled to", filter => filter.EndDay, (filter, day) => filter with { EndDate = day });
        _dates = [_from, _to];
        _fields = [.. _typed, _agent, .. _dates];
    }

    /// <summary>The filter in effect.</summary>
    [Parameter, EditorRequired]
    public required CallFilter Filter { get; set; }

    /// <summary>Raised with the new filter after every change.</summary>
    [Parameter]
    public EventCallback<CallFilter> FilterChanged { get; set; }

    /// <summary>The active agents (the agent field's choices); null while loading. Every circuit passes the shared feed's
    /// list, so the choices built for it are shared too.</summary>
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

    // The dates' shared helper line says what is wrong with either of them.
    private string? DatesError => _from.Error ?? _to.Error;

    // A link may carry exact timestamps instead of days; the date fields show days only, so say what is in effect.
    private string? ExactBounds =>
        (Filter.StartDate is not null && Filter.StartDay is null) || (Filter.EndDate is not null && Filter.EndDay is null)
            ? $"Exact bounds from the link: {Filter.StartDate ?? "…"} to {Filter.EndDate ?? "…"}"
            : null;

    protected override void OnParametersSet()
    {
        var choices = AgentChoices.For(Agents);
        if (!ReferenceEquals(choices, _choices))
        {
            // The agents usually arrive after the URL: the id shown until then becomes the agent's name.
            var shown = _agent.Read(_draft);
            _choices = choices;
            if (_agent.Error is null && _agent.Text == (shown ?? ""))
            {
                _agent.Show(_agent.Read(_draft) ?? "");
            }
        }

        if (Equals(_shown, Filter))
        {
            return;
        }

        var previous = _shown;
        _shown = Filter;
        _draft = Filter;

        // A field follows the URL only when the URL changed that field (back button, a link, clear) and nothing typed is
        // waiting for the pause: what the user typed is never replaced, and text that already says what the filter
        // holds (" 98765 " for 98765, an agent's id for its name) stays as typed.
        foreach (var field in _fields)
        {
            var value = field.Read(Filter);
            if (_pause is null && (previous is null || value != field.Read(previous)) && !Equals(field.Apply(Filter, field.Text.Trim()), Filter))
            {
                field.Show(value ?? "");
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

    // Choosing from the datalist puts the choice in the field (an input event): that applies at once, as does typing a
    // choice exactly. Anything else waits for Enter or leaving the field.
    private Task OnAgentTypedAsync(ChangeEventArgs args)
    {
        _agent.Report(args.Value as string);
        return _choices.Chosen(_agent.Text) is null ? Task.CompletedTask : ApplyAgentAsync();
    }

    private Task ApplyAgentAsync()
    {
        var next = _agent.Apply(_draft, _agent.Text.Trim());
        _agent.Error = next is null ? AgentProblem : null;
        return next is null ? Task.CompletedTask : ChangeAsync(next);
    }

    // An active agent's choice, id or name is that agent; text shaped like an agent id is taken as is (an agent that is
    // not active still has calls); empty removes the filter; anything else is not valid.
    private (bool Valid, string? Id) AgentFor(string text) =>
        text.Length == 0 ? (true, null)
        : _choices.Find(text) is { } agent ? (true, agent.Id)
        : AgentIds.LooksLikeAgentId(text) ? (true, text)
        : (false, null);

    private Task OnCallTypeChangedAsync(ChangeEventArgs args) =>
        ChangeAsync(_draft with { CallType = args.Value is string { Length: > 0 } value ? CallType.From(value) : null });

    // Every keystroke restarts the pause; only the last one, once the user stops typing, applies what is typed.
    private async Task OnTypedAsync(TypedField field, ChangeEventArgs args)
    {
        field.Report(args.Value as string);
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

    // A date input reports a change once it holds a whole day (typed or picked) or is emptied. The other bound stays as
    // it is, unless it was refused for being out of order: then the pair is tried again, so fixing either day applies
    // both. Days out of order change nothing and say so; what was typed stays to be fixed.
    private Task OnDateChangedAsync(TypedField field)
    {
        var next = field.Apply(_draft, field.Text.Trim());
        if (next is null)
        {
            field.Error = DayProblem;
            return Task.CompletedTask;
        }

        foreach (var other in _dates)
        {
            if (other != field && other.Error is not null && other.Apply(next, other.Text.Trim()) is { } both)
            {
                next = both;
            }
        }

        if (next.StartDay is { } start && next.EndDay is { } end && start > end)
        {
            field.Error = DaysOutOfOrder;
            return Task.CompletedTask;
        }

        foreach (var date in _dates)
        {
            date.Error = null;
        }

        return ChangeAsync(next);
    }

    private Task ClearAsync()
    {
        StopPause();
        foreach (var field in _fields)
        {
            field.Show("");
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
        ApplyOnCommitOrClear(field, ApplyTypedAsync);
        return field;
    }

    // A date field: its text is the day as the browser's date input holds it (yyyy-MM-dd), which is also OSVI's day.
    private TypedField DateField(string id, string label, Func<CallFilter, DateOnly?> read, Func<CallFilter, string?, CallFilter> apply)
    {
        var field = new TypedField(id, label, null, null,
            filter => read(filter) is { } day ? CallFilter.FormatDay(day) : null,
            (filter, text) => text.Length == 0 ? apply(filter, null)
                : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? apply(filter, CallFilter.FormatDay(day))
                : null)
        {
            Type = "date",
            HelperId = DatesHelperId,
        };
        ApplyOnCommitOrClear(field, () => OnDateChangedAsync(field));
        return field;
    }

    // Enter or leaving the field (the browser's change event) applies what it holds at once, as MudBlazor's debounced
    // fields did; its clear button empties it and applies that.
    private void ApplyOnCommitOrClear(TypedField field, Func<Task> apply)
    {
        field.Committed = EventCallback.Factory.Create<ChangeEventArgs>(this, args =>
        {
            field.Report(args.Value as string);
            return apply();
        });
        field.Cleared = EventCallback.Factory.Create(this, () =>
        {
            field.Show("");
            return apply();
        });
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
    /// filter (<see cref="Apply"/> returns null when the text is not a valid value). A field without its own helper
    /// text shares its group's (<see cref="HelperId"/>).</summary>
    private sealed class TypedField(string id, string label, string? helper, string? inputMode,
        Func<CallFilter, string?> read, Func<CallFilter, string, CallFilter?> apply)
    {
        public string Id { get; } = id;
        public string HelperId { get; init; } = id + "-helper-text";
        public string Label { get; } = label;
        public string ClearLabel { get; } = "Clear " + label.ToLowerInvariant();
        public string? Helper { get; } = helper;
        public string? InputMode { get; } = inputMode;
        public string Type { get; init; } = "text";
        public string? List { get; init; }
        public Func<CallFilter, string?> Read { get; } = read;
        public Func<CallFilter, string, CallFilter?> Apply { get; } = apply;

        /// <summary>What the input holds, as far as this component knows (what it was last given or saw typed).</summary>
        public string Text { get; private set; } = "";

        /// <summary>What the input element was last given by the server (never what was typed into it): a render writes it
        /// only when it changes, so a render never takes what the user is typing from the browser.</summary>
        public string Value { get; private set; } = "";

        /// <summary>The input element's key: a new one makes a new element (see <see cref="Show"/>).</summary>
        public int Generation { get; private set; }

        public string? Error { get; set; }

        /// <summary>The browser reports what the input holds. The element is not given it back: by the time that render
        /// reached the browser the user may have typed on, and writing the older text would take those keys away (typing
        /// fast on a slow link lost characters). A date input reports "" while a day is only partly there (one part
        /// deleted to type it again), which would wipe the other parts just the same.</summary>
        public void Report(string? text) => Text = text ?? "";

        /// <summary>Puts text into the input (the URL changed the filter, a clear). When the element was last given
        /// this very text but holds something else now (typed since, or a partly deleted day), a render would not write
        /// it again: the element is made anew instead.</summary>
        public void Show(string text)
        {
            if (text == Value && text != Text)
            {
                Generation++;
            }

            Text = text;
            Value = text;
        }

        public EventCallback<ChangeEventArgs> Typed { get; set; }
        public EventCallback<ChangeEventArgs> Committed { get; set; }
        public EventCallback Cleared { get; set; }
    }
}
