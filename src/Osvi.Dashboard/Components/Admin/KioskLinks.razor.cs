using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Components.Admin;

/// <summary>The Kiosk links page: create a link (its secret is shown once), see when screens last opened each, revoke.</summary>
public sealed partial class KioskLinks
{
    private ServiceResult<IReadOnlyList<KioskLinkView>>? _links;
    private object? _failure;

    [Inject]
    public required IKioskAdministration Links { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _links = null;
        _links = await Links.ListAsync(CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewKioskLinkDialog>("New kiosk link", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task RevokeAsync(KioskLinkView link)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Revoke “{link.Name}”?",
            "The screen that uses it stops showing the wallboard within a minute. This cannot be undone: create a new link to show it again.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Links.RevokeAsync(link.Id, CancellationToken.None);
        _failure = result.Failure;
        if (result.Succeeded)
        {
            Snackbar.Add($"“{link.Name}” is revoked.", Severity.Success);
            await LoadAsync();
        }
    }

    private static string Status(KioskLinkView link) => link.RevokedAt is not null ? "revoked" : link.IsActive ? "active" : "expired";

    private string Time(DateTimeOffset at) => Clock.ToLocal(at).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
