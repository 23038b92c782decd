using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Components.Campaigns;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>The dashboard's watched campaigns (its own list: OSVI cannot list campaigns) with live progress, pace, ETA
/// and alerts; add by id (checked with OSVI), rename, remove, and campaigns seen in recent calls offered for watching.</summary>
public sealed partial class Campaigns
{
    private readonly WatchForm _form = new();
    private IReadOnlyList<WatchedCampaignView>? _watched;
    private ServiceResult<IReadOnlyList<CampaignSuggestion>>? _suggestions;
    private CampaignFeeds? _feeds;
    private DashboardUser? _user;
    private string? _idError;
    private ServiceResult<WatchOutcome>? _watchError;
    private ChangeError? _changeError;
    private long? _renaming;
    private string? _renameText;
    private bool _busy;

    [Inject]
    public required IWatchedCampaignsService Watched { get; init; }

    [Inject]
    public required ICampaignsService CampaignsService { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    private CampaignFeeds Feeds => _feeds!;

    private bool CanManage => _user?.Can(DashboardPermission.ManageWatchedCampaigns) == true;

    private bool CanUpload => _user?.Can(DashboardPermission.UploadContacts) == true;

    protected override async Task OnInitializedAsync()
    {
        _feeds = new CampaignFeeds(Live, InvokeAsync, () =>
        {
            StateHasChanged();
            return Task.CompletedTask;
        });
        _user = await CurrentUser.GetAsync();
        await ReloadAsync();
        if (CanManage)
        {
            await LoadSuggestionsAsync();
        }
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _feeds?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ReloadAsync()
    {
        _watched = await Watched.ListAsync(ComponentCancellation);
        Feeds.Track(_watched.Select(campaign => campaign.CampaignId));
    }

    private async Task LoadSuggestionsAsync()
    {
        var watched = (_watched ?? []).Select(campaign => campaign.CampaignId).ToHashSet();
        _suggestions = await CampaignsService.SuggestFromRecentCallsAsync(watched, ComponentCancellation);
    }

    private async Task WatchAsync()
    {
        _idError = null;
        _watchError = null;
        if (!long.TryParse(_form.CampaignId?.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            _idError = "Enter the campaign's number as OSVI shows it, e.g. 7.";
            return;
        }

        await AddAsync(id, _form.LocalName);
    }

    private Task WatchSuggestionAsync(long campaignId)
    {
        _idError = null;
        _watchError = null;
        return AddAsync(campaignId, null);
    }

    private async Task AddAsync(long campaignId, string? localName)
    {
        _busy = true;
        try
        {
            var result = await Watched.WatchAsync(campaignId, localName, ComponentCancellation);
            if (result.Succeeded)
            {
                _form.CampaignId = null;
                _form.LocalName = null;
                Snackbar.Add(result.Value.AlreadyWatched
                    ? $"Campaign {campaignId} (“{result.Value.CampaignName}”) is already watched."
                    : $"Watching campaign {campaignId}, “{result.Value.CampaignName}”.", result.Value.AlreadyWatched ? Severity.Info : Severity.Success);
                await ReloadAsync();
                await LoadSuggestionsAsync();
            }
            else if (result.Error is { Kind: OsviErrorKind.NotFound })
            {
                // A wrong id is the common mistake: say it on the field, keeping what was typed.
                _form.CampaignId ??= campaignId.ToString(CultureInfo.InvariantCulture);
                _idError = $"OSVI has no campaign {campaignId} on this account. Check the number in OSVI (Campaigns).";
            }
            else
            {
                _watchError = result;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void StartRename(WatchedCampaignView campaign)
    {
        _renaming = campaign.CampaignId;
        _renameText = campaign.LocalName;
        _changeError = null;
    }

    private void CancelRename() => _renaming = null;

    private async Task SaveRenameAsync(long campaignId)
    {
        _busy = true;
        try
        {
            var result = await Watched.RenameAsync(campaignId, _renameText, ComponentCancellation);
            if (result.Succeeded)
            {
                _renaming = null;
                await ReloadAsync();
            }
            else
            {
                _changeError = new ChangeError(result.Error, result.Refusal);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UnwatchAsync(WatchedCampaignView campaign)
    {
        var name = CampaignText.DisplayName(campaign.CampaignId, campaign.LocalName, Feeds[campaign.CampaignId].Value?.Status.Name);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Stop watching?",
            $"“{name}” (campaign {campaign.CampaignId}) leaves the list, the Overview and the wallboard. Nothing changes in OSVI.",
            yesText: "Stop watching", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        _changeError = null;
        try
        {
            var result = await Watched.UnwatchAsync(campaign.CampaignId, ComponentCancellation);
            if (result.Succeeded)
            {
                Snackbar.Add($"No longer watching “{name}”.", Severity.Info);
                await ReloadAsync();
                await LoadSuggestionsAsync();
            }
            else
            {
                _changeError = new ChangeError(result.Error, result.Refusal);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class WatchForm
    {
        public string? CampaignId { get; set; }

        public string? LocalName { get; set; }
    }

    private sealed record ChangeError(OsviError? Error, ServiceRefusal? Refusal);
}
