using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Components.Dnd;

/// <summary>Adds one number to an agent's DND list: country and number validated as the user types (libphonenumber),
/// the E.164 form shown before sending, an optional reason. Sent once per click; the button is disabled while in
/// flight. A refusal or OSVI's error stays in the dialog with what was typed; no answer is an unknown outcome.
/// Closes with the <see cref="DndAddResult"/> when OSVI added the number or already had it.</summary>
public sealed partial class DndAddDialog
{
    private string _region = "IN";
    private string _phone = "";
    private string? _reason;
    private PhoneParseResult _parsed = new("", null, null, null, "No phone number given.");
    private bool _sending;
    private bool _unknown;
    private ServiceResult<DndAddResult>? _failure;

    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    [Inject]
    public required IDndService Dnd { get; init; }

    /// <summary>The agent whose list changes.</summary>
    [Parameter, EditorRequired]
    public required string AgentUuid { get; set; }

    /// <summary>The agent's name (its id when unknown).</summary>
    [Parameter]
    public string? AgentName { get; set; }

    /// <summary>A number to start with (e.g. from a call).</summary>
    [Parameter]
    public string? Phone { get; set; }

    /// <summary>A reason to start with.</summary>
    [Parameter]
    public string? Reason { get; set; }

    /// <summary>The call the number comes from.</summary>
    [Parameter]
    public string? CallId { get; set; }

    /// <summary>The audit source (<see cref="DndSources"/>).</summary>
    [Parameter]
    public string Source { get; set; } = DndSources.Manual;

    private string? PhoneError => _failure?.Error.ErrorFor("phone")
        ?? (string.IsNullOrWhiteSpace(_phone) || _parsed.IsValid ? null : _parsed.Error);

    protected override void OnInitialized()
    {
        _region = Dnd.DefaultRegion;
        _phone = Phone?.Trim() ?? "";
        _reason = Reason;
        AgentName ??= AgentUuid;
        var initial = PhoneNumberRules.Parse(_phone, _region);
        if (initial is { IsValid: true, RegionCode: { } region } && PhoneNumberRules.IsSupportedRegion(region))
        {
            _region = region;
        }

        Reparse();
    }

    private void RegionChanged(string region)
    {
        _region = region;
        Reparse();
    }

    private void PhoneChanged(string? phone)
    {
        _phone = phone ?? "";
        Reparse();
    }

    private void Reparse()
    {
        _parsed = PhoneNumberRules.Parse(_phone, _region);
        if (_failure?.Error?.Kind == OsviErrorKind.Validation)
        {
            _failure = null;
        }
    }

    private async Task SubmitOnEnterAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await SubmitAsync();
        }
    }

    private async Task SubmitAsync()
    {
        if (_sending || !_parsed.IsValid)
        {
            return;
        }

        _sending = true;
        _failure = null;
        try
        {
            // Not cancelled with the dialog: once sent, the real outcome belongs in the audit trail.
            var result = await Dnd.AddAsync(new DndAddRequest
            {
                AgentUuid = AgentUuid,
                Phone = _parsed.E164!,
                Reason = _reason,
                Source = Source,
                CallId = CallId,
            }, CancellationToken.None);
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(result.Value));
                return;
            }

            _failure = result;
            _unknown = result.Error?.Kind == OsviErrorKind.Unreachable;
        }
        finally
        {
            _sending = false;
        }
    }

    private void Cancel() => MudDialog.Cancel();
}
