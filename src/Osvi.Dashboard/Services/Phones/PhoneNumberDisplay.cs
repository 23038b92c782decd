using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Services.Phones;

/// <summary>How the current user sees phone numbers: formatted for reading, and masked to the last 4 digits for users
/// without <see cref="DashboardPermission.SeeFullPhoneNumbers"/> while masking is on (a run-time setting an administrator
/// changes on the Settings page). The one place that decides, for pages, grids and exports alike.</summary>
public interface IPhoneNumberDisplay
{
    /// <summary>True when numbers are masked for this user (decided once per circuit or request, and again after an
    /// administrator changed the setting).</summary>
    Task<bool> IsMaskedAsync();

    /// <summary>A number formatted for reading and masked when it must be.</summary>
    Task<string> ShowAsync(string? phone);

    /// <summary>The synchronous form for markup: masks until the decision is known (the safe default).</summary>
    string Show(string? phone);
}

internal sealed class PhoneNumberDisplay(ICurrentUser currentUser, IDashboardSettings settings) : IPhoneNumberDisplay
{
    private Task<bool>? _masked;
    private long _settingsVersion = -1;

    public Task<bool> IsMaskedAsync()
    {
        var version = settings.Version;
        if (_masked is null || version != _settingsVersion)
        {
            _settingsVersion = version;
            _masked = DecideAsync();
        }

        return _masked;
    }

    public async Task<string> ShowAsync(string? phone) => Render(phone, await IsMaskedAsync());

    public string Show(string? phone)
    {
        var decision = IsMaskedAsync();
        return Render(phone, !decision.IsCompletedSuccessfully || decision.Result);
    }

    private static string Render(string? phone, bool masked)
    {
        var readable = PhoneNumberRules.ForReading(phone);
        return masked ? PhoneNumberRules.Mask(readable) : readable;
    }

    private async Task<bool> DecideAsync()
    {
        if (!(await settings.GetAsync()).MaskPhoneNumbersForViewers)
        {
            return false;
        }

        var user = await currentUser.GetAsync();
        return !user.Can(DashboardPermission.SeeFullPhoneNumbers);
    }
}
