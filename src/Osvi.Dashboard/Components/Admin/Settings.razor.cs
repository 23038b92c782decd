using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Components.Admin;

/// <summary>The Settings page: the run-time settings (phone masking for viewers, audit retention), with where each value
/// comes from. Saving goes through <see cref="ISettingsAdministration"/> (permission check, audit with old and new values).</summary>
public sealed partial class Settings
{
    private const string SampleNumber = "+91 98765 43210";

    private ServiceResult<DashboardSettingsView>? _settings;
    private bool _mask;
    private int _retentionDays;
    private bool _busy;
    private object? _failure;
    private Osvi.Client.OsviError? _error;

    [Inject]
    public required ISettingsAdministration Administration { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _settings = null;
        _settings = await Administration.GetAsync(CancellationToken.None);
        if (_settings.Succeeded)
        {
            Reset(_settings.Value);
        }
    }

    private void Reset(DashboardSettingsView view)
    {
        _mask = view.Values.MaskPhoneNumbersForViewers;
        _retentionDays = view.Values.AuditRetentionDays;
        _failure = null;
        _error = null;
    }

    private bool Changed(DashboardSettingsView view) =>
        _mask != view.Values.MaskPhoneNumbersForViewers || _retentionDays != view.Values.AuditRetentionDays;

    private async Task SaveAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Administration.UpdateAsync(new DashboardSettingsValues(_mask, _retentionDays), CancellationToken.None);
            _failure = result.Failure;
            _error = result.Error;
            if (result.Succeeded)
            {
                _settings = result;
                Reset(result.Value);
                Snackbar.Add("Settings saved. They apply now.", Severity.Success);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private string Source(DashboardSettingsView view, string key)
    {
        var info = view.Settings.First(setting => setting.Key == key);
        return info.IsDefault
            ? $"Default from the configuration ({info.ConfigurationKey})."
            : $"Changed by {info.UpdatedBy} on {Clock.ToLocal(info.UpdatedAt!.Value).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}.";
    }
}
