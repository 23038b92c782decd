using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Components.Campaigns;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Campaigns.Uploads;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>Uploads contacts to a campaign: a CSV file or pasted text, a column mapping, a server-side check of every
/// row (phone numbers, duplicates, the agent's DND list) with a preview, the agent and "queue now", a confirm step, then
/// batches of at most 10,000 sent once each, with a report per batch.</summary>
public sealed partial class CampaignUpload
{
    private static readonly (int Number, string Title)[] s_laterSteps = [(2, "Columns"), (3, "Agent and check"), (4, "Send")];

    private CampaignOptions _options = new();
    private CampaignFeeds? _campaigns;
    private long _shownId;
    private LiveSnapshot<IReadOnlyList<AgentView>> _agents = LiveSnapshot<IReadOnlyList<AgentView>>.Pending;
    private DashboardUser? _user;
    private ContactSourcePicker? _picker;
    private ContactSource? _source;
    private ContactMapping? _mapping;
    private ContactCheck? _check;
    private bool _checking;
    private int _checkVersion;
    private string? _agentUuid;
    private DndNumbers? _dnd;
    private ServiceResult<DndNumbers>? _dndError;
    private bool _dndLoading;
    private bool _enqueue;
    private bool _leaveOutInvalid;
    private bool _triedReview;
    private bool _confirming;
    private IReadOnlyList<ContactBatch>? _batches;
    private bool _sending;
    private UploadReport? _report;

    [Parameter]
    public long CampaignId { get; set; }

    [Inject]
    public required IContactUploadService Uploads { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required IOptionsMonitor<CampaignOptions> CampaignOptions { get; init; }

    [Inject]
    public required IOptionsMonitor<DashboardOptions> DashboardOptions { get; init; }

    private LiveSnapshot<CampaignProgress> Campaign => _campaigns?[CampaignId] ?? LiveSnapshot<CampaignProgress>.Pending;

    private string CampaignName => Campaign.Value?.Status.Name ?? $"Campaign {CampaignId}";

    private string Subtitle => $"To {CampaignName} (campaign #{CampaignId}) · checked here before anything is sent, then sent in batches of at most {_options.BatchSize:N0}";

    private bool CanUpload => _user?.Can(DashboardPermission.UploadContacts) == true;

    /// <summary>True from sending on: nothing of the upload may change any more.</summary>
    private bool Locked => _sending || _report is not null;

    private string? AgentName => _agents.Value?.FirstOrDefault(agent => agent.Id == _agentUuid)?.Name ?? _agentUuid;

    private bool CanReview => _check is { Sendable: > 0 } check && !_checking && !_dndLoading && !Locked && Campaign.Value is not null
        && (check.Invalid == 0 || _leaveOutInvalid);

    private string BadLines => _check is null ? "" :
        "line" + (_check.Invalid == 1 ? " " : "s ") + string.Join(", ", _check.Rows.Where(row => row.Outcome == ContactOutcome.Invalid).Take(8).Select(row => row.Line))
        + (_check.Invalid > 8 ? ", …" : "");

    private string SendSummary => _check switch
    {
        null => "Check the contacts first.",
        { Sendable: 0 } => "There is nothing to send: no row has a valid phone number.",
        { Invalid: > 0 } when !_leaveOutInvalid => "Fix or leave out the bad rows first.",
        _ when _agentUuid is null => "Choose the agent first.",
        _ when Campaign.Value is null => "Waiting for the campaign's status from OSVI.",
        var check => $"{CampaignText.Count(check.Sendable, "contact", "contacts")} in {CampaignText.Count(BatchCount(check.Sendable), "batch", "batches")}.",
    };

    protected override async Task OnInitializedAsync()
    {
        _options = CampaignOptions.CurrentValue;
        _agents = Watch(ActiveAgentsKey.Instance, snapshot =>
        {
            _agents = snapshot;
            ChooseDefaultAgent();
        });
        _campaigns = new CampaignFeeds(Live, InvokeAsync, () =>
        {
            ChooseDefaultAgent();
            StateHasChanged();
            return Task.CompletedTask;
        });
        _user = await CurrentUser.GetAsync();
    }

    protected override void OnParametersSet()
    {
        if (_campaigns is null || _shownId == CampaignId)
        {
            return;
        }

        _shownId = CampaignId;
        _campaigns.Track([CampaignId]);
        if (!_sending)
        {
            StartOver();
        }

        // Feeds another page already warmed answer at once without a callback, so the default is chosen here too.
        ChooseDefaultAgent();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _campaigns?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void RefreshCampaign() => Live.RequestRefresh(new CampaignStatusKey(CampaignId));

    private async Task OnSourceReadAsync(ContactSource source)
    {
        _source = source;
        _mapping = ContactMapping.Suggest(source.Table, DashboardOptions.CurrentValue.PhoneRegion);
        _leaveOutInvalid = false;
        _confirming = false;
        await CheckAsync();
    }

    private async Task OnMappingChangedAsync(ContactMapping mapping)
    {
        _mapping = mapping;
        _confirming = false;
        await CheckAsync();
    }

    private async Task OnAgentChangedAsync(string? agentUuid)
    {
        if (agentUuid == _agentUuid && (_dnd is not null || _dndLoading))
        {
            return;
        }

        _agentUuid = agentUuid;
        _confirming = false;
        await LoadDndAsync();
        await CheckAsync();
    }

    private async Task LoadDndAsync()
    {
        _dnd = null;
        _dndError = null;
        if (_agentUuid is not { } agent)
        {
            return;
        }

        _dndLoading = true;
        StateHasChanged();
        try
        {
            var result = await Uploads.GetDndNumbersAsync(agent, ComponentCancellation);
            if (agent != _agentUuid)
            {
                return;
            }

            _dnd = result.Succeeded ? result.Value : null;
            _dndError = result.Succeeded ? null : result;
        }
        finally
        {
            _dndLoading = false;
        }
    }

    // The check runs off the renderer (100,000 rows take about a second); a newer check replaces an older one.
    private async Task CheckAsync()
    {
        if (_source is null || _mapping is null)
        {
            return;
        }

        var version = ++_checkVersion;
        var (table, mapping, dnd) = (_source.Table, _mapping, _dnd);
        var region = DashboardOptions.CurrentValue.PhoneRegion;
        _checking = true;
        StateHasChanged();
        var check = await Task.Run(() => ContactCheck.Run(table, mapping, region, dnd), ComponentCancellation);
        if (version == _checkVersion)
        {
            _check = check;
            _checking = false;
        }
    }

    private void ChooseDefaultAgent()
    {
        if (_agentUuid is not null || _agents.Value is not { Count: > 0 } agents || Campaign.Value is not { } campaign)
        {
            return;
        }

        // The agent of the campaign's latest upload, if it is still active.
        var latest = campaign.Status.Uploads.Select(upload => upload.AgentUuid).FirstOrDefault(id => agents.Any(agent => agent.Id == id));
        if (latest is not null)
        {
            _ = InvokeAsync(() => OnAgentChangedAsync(latest));
        }
    }

    private async Task EditAsTextAsync()
    {
        if (_source is not null && _picker is not null)
        {
            await _picker.SetPastedTextAsync(_source.Text);
        }
    }

    private void Review()
    {
        _triedReview = true;
        if (!CanReview || _agentUuid is null)
        {
            return;
        }

        _batches = _check!.Batches(_options.BatchSize, _leaveOutInvalid);
        _confirming = true;
    }

    private async Task SendAsync()
    {
        if (_sending || _batches is null || _agentUuid is null || _check is null)
        {
            return;
        }

        _sending = true;
        try
        {
            var request = new UploadRequest(CampaignId, _agentUuid, _enqueue, _check.VariableKeys, _batches);
            _report = await Uploads.SendAsync(request, async report =>
            {
                _report = report;
                await InvokeAsync(StateHasChanged);
            }, ComponentCancellation);
            Live.RequestRefresh(new CampaignStatusKey(CampaignId));
        }
        finally
        {
            _sending = false;
            _confirming = false;
        }
    }

    private void StartOver()
    {
        _source = null;
        _mapping = null;
        _check = null;
        _checking = false;
        _checkVersion++;
        _leaveOutInvalid = false;
        _triedReview = false;
        _confirming = false;
        _batches = null;
        _report = null;
    }

    private int BatchCount(int contacts) => (contacts + _options.BatchSize - 1) / _options.BatchSize;
}
