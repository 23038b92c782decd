using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>Starting a call: the form (active agents only, the number checked with libphonenumber and shown in E.164,
/// every optional field of <c>POST /v1/call</c>), then a confirm step that warns when the number is on the agent's DND
/// list, then one request — the button is disabled while it is in flight, a second click is ignored, and a failure is
/// never resent by itself. OSVI's field errors land on their fields with everything typed kept. Closes with the new
/// call's id.</summary>
public sealed partial class StartCallDialog
{
    private readonly StartCallForm _form = new();
    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private Step _step = Step.Form;
    private Dictionary<string, string> _clientErrors = [];
    private Dictionary<string, string> _serverErrors = [];
    private bool _submitted;
    private bool _checking;
    private bool _sending;
    private bool _allowed = true;
    private bool _blockedUntilChecked;
    private StartCallCommand? _command;
    private DndEntryView? _dnd;
    private OsviError? _dndError;
    private OsviError? _error;
    private ServiceRefusal? _refusal;
    private bool _promptOpen;
    private bool _dataOpen;
    private bool _webhookOpen;
    private bool _behaviourOpen;
    private bool _extractionOpen;

    private enum Step
    {
        Form,
        Confirm,
    }

    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    /// <summary>What to open with.</summary>
    [Parameter]
    public StartCallPrefill Prefill { get; set; } = StartCallPrefill.Empty;

    /// <summary>Where the call is started from (audit): <c>call-log</c>, <c>call-detail</c>, <c>link</c>.</summary>
    [Parameter]
    public string Source { get; set; } = "call-log";

    [Inject]
    public required ICallsService Calls { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required IOptionsMonitor<DashboardOptions> Options { get; init; }

    /// <summary>Opens the dialog; the new call's id, or null when it was closed without starting one.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, StartCallPrefill prefill, string source)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<StartCallDialog>
        {
            { dialog => dialog.Prefill, prefill },
            { dialog => dialog.Source, source },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false, CloseButton = true, CloseOnEscapeKey = true };
        var reference = await dialogs.ShowAsync<StartCallDialog>("Start a call", parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: string callId } ? callId : null;
    }

    private bool OutcomeUnknown => _error is { Kind: OsviErrorKind.Unreachable or OsviErrorKind.ServerError or OsviErrorKind.Unexpected };

    private bool HasOverrides => _form.MaxCallDurationSeconds is not null || _form.EnableCallback is not null || _form.RetryEnabled is not null;

    private string AgentHelp => _agents switch
    {
        { IsPending: true } => "Loading the active agents…",
        { Value: null, Error: { } error } => "Could not load the agents: " + error.Message,
        { Value.Count: 0 } => "No agent is active: activate one in OSVI first.",
        _ => "Only active agents can take calls",
    };

    private string? PhoneError => ErrorOf(StartCallForm.Fields.Phone);

    private string PhoneHelp
    {
        get
        {
            var parsed = _form.ParsedPhone;
            return parsed.IsValid
                ? $"Will call {parsed.E164} ({Country.Of(parsed.RegionCode).Name})"
                : "Digits with or without the country code, e.g. 98765 43210";
        }
    }

    private string CheckLogUrl => _command is null ? "calls" :
        new CallLogView(new CallFilter { AgentUuid = _command.AgentUuid, PhoneNumber = _command.NationalNumber }, 1, CallLogView.DefaultPerPage).ToRelativeUrl();

    protected override async Task OnInitializedAsync()
    {
        _agents = Watch(ActiveAgentsKey.Instance, snapshot => _agents = snapshot);
        _form.Apply(Prefill, Options.CurrentValue.PhoneRegion);
        _allowed = (await CurrentUser.GetAsync()).Can(DashboardPermission.StartCalls);
    }

    private void Edit(Action change)
    {
        change();
        OnFormChanged();
    }

    private void OnFormChanged()
    {
        if (_submitted)
        {
            _clientErrors = _form.Validate(ActiveAgentIds());
        }
    }

    private string? ErrorOf(string field) =>
        _clientErrors.TryGetValue(field, out var client) ? client : _serverErrors.TryGetValue(field, out var server) ? server : null;

    private IReadOnlyCollection<string>? ActiveAgentIds() => _agents.Value is { } agents ? [.. agents.Select(agent => agent.Id)] : null;

    private async Task ReviewAsync()
    {
        if (_checking)
        {
            return;
        }

        _submitted = true;
        _serverErrors = [];
        _clientErrors = _form.Validate(ActiveAgentIds());
        if (_clientErrors.Count > 0)
        {
            ExpandPanelsWithErrors();
            return;
        }

        _command = _form.ToCommand();
        _checking = true;
        _dnd = null;
        _dndError = null;
        try
        {
            // The dashboard checks the DND list itself: OSVI refuses such a call, and the user should know before sending.
            var dnd = await Calls.FindOnDndListAsync(_command.AgentUuid, _command.PhoneE164, ComponentCancellation);
            _dnd = dnd.Succeeded ? dnd.Value : null;
            _dndError = dnd.Error;
        }
        finally
        {
            _checking = false;
        }

        _error = null;
        _refusal = null;
        ShowStep(Step.Confirm);
    }

    private void Back()
    {
        if (!_sending)
        {
            ShowStep(Step.Form);
        }
    }

    private async Task SendAsync()
    {
        // Set before the first await: a second click that arrives while the request is in flight finds it set.
        if (_sending || _command is null || _blockedUntilChecked)
        {
            return;
        }

        _sending = true;
        await MudDialog.SetOptionsAsync(MudDialog.Options with { CloseOnEscapeKey = false, CloseButton = false });
        ServiceResult<string> result;
        try
        {
            // Not tied to this dialog: once sent, the request's outcome is audited whether or not anyone is still looking.
            result = await Calls.StartCallAsync(_command, Source, CancellationToken.None);
        }
        finally
        {
            _sending = false;
            await MudDialog.SetOptionsAsync(MudDialog.Options with { CloseOnEscapeKey = true, CloseButton = true });
        }

        if (result.Succeeded)
        {
            MudDialog.Close(DialogResult.Ok(result.Value));
            return;
        }

        _error = result.Error;
        _refusal = result.Refusal;
        _blockedUntilChecked = OutcomeUnknown;
        if (result.Error is { Kind: OsviErrorKind.Validation, FieldErrors.Count: > 0 } validation)
        {
            _serverErrors = validation.FieldErrors
                .GroupBy(field => StartCallForm.FieldFor(field.Field), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => string.Join(" ", group.Select(field => field.Message)), StringComparer.Ordinal);
            ShowStep(Step.Form);
            ExpandPanelsWithErrors();
        }
    }

    // The title lives in the dialog's container: it follows the step only when the container re-renders.
    private void ShowStep(Step step)
    {
        _step = step;
        MudDialog.StateHasChanged();
    }

    private void AllowResend() => _blockedUntilChecked = false;

    private void CloseForLog() => MudDialog.Cancel();

    private void Cancel() => MudDialog.Cancel();

    private void ExpandPanelsWithErrors()
    {
        _promptOpen |= ErrorOf(StartCallForm.Fields.SystemPrompt) is not null || ErrorOf(StartCallForm.Fields.Greeting) is not null;
        _dataOpen |= ErrorOf(StartCallForm.Fields.AdditionalData) is not null;
        _webhookOpen |= ErrorOf(StartCallForm.Fields.Webhook) is not null;
        _behaviourOpen |= ErrorOf(StartCallForm.Fields.MaxDuration) is not null || ErrorOf(StartCallForm.Fields.RetryAttempts) is not null
            || ErrorOf(StartCallForm.Fields.RetryInterval) is not null;
        _extractionOpen |= ErrorOf(StartCallForm.Fields.DataExtraction) is not null;
    }

    private string AgentName(string id) => _agents.Value?.FirstOrDefault(agent => agent.Id == id)?.Name ?? id;

    private static string CountryLabel(string? code) => code is null ? "" : Country.Of(code).Label;

    private static string PanelTitle(string title, bool set) => set ? title + " · set" : title;

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Tristate(bool? value) => value switch { true => "on", false => "off", null => "default" };

    private static bool? FromTristate(string? value) => value switch { "on" => true, "off" => false, _ => null };

    private static IEnumerable<(string Label, string Value)> OptionalFacts(StartCallCommand command)
    {
        if (command.SystemPrompt is { } prompt)
        {
            yield return ("System prompt", Shorten(prompt));
        }

        if (command.InitialGreeting is { } greeting)
        {
            yield return ("Greeting", Shorten(greeting));
        }

        if (command.AdditionalData is { Count: > 0 } data)
        {
            yield return ("Additional data", string.Join(", ", data.Select(pair => $"{pair.Key} = {pair.Value.GetString()}")));
        }

        if (command.WebhookUrl is { } webhook)
        {
            yield return ("Webhook", webhook);
        }

        if (command.CallConfigOverrides is { } overrides)
        {
            yield return ("Call behaviour", JsonSerializer.Serialize(overrides, Osvi.Client.Serialization.OsviJson.Options));
        }

        if (command.DataExtraction is { Count: > 0 } extraction)
        {
            yield return ("Extract", string.Join(", ", extraction.Select(field => field.Required ? field.Key + " (required)" : field.Key)));
        }
    }

    private static string Shorten(string text) =>
        text.Length <= 160 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..157]}… ({text.Length} characters)");
}
