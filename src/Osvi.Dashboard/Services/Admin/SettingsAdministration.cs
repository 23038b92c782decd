using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>The run-time settings page's service (administrators only; every change audited with old and new values).</summary>
public interface ISettingsAdministration
{
    /// <summary>The settings, their defaults and who changed them.</summary>
    Task<ServiceResult<DashboardSettingsView>> GetAsync(CancellationToken ct);

    /// <summary>Saves the settings that differ; answers the new state.</summary>
    Task<ServiceResult<DashboardSettingsView>> UpdateAsync(DashboardSettingsValues values, CancellationToken ct);
}

internal sealed class SettingsAdministration(DashboardSettingsStore settings, IAuditedActions actions, IPermissionGuard guard, ICurrentUser currentUser) : ISettingsAdministration
{
    public const int MaxRetentionDays = 3650;

    public async Task<ServiceResult<DashboardSettingsView>> GetAsync(CancellationToken ct)
    {
        var check = await guard.EnsureAllowedAsync(DashboardPermission.ManageSettings, "settings.read");
        return check.Allowed ? ServiceResult<DashboardSettingsView>.Success(await settings.DescribeAsync(ct)) : ServiceResult<DashboardSettingsView>.Refused(check.Refusal!);
    }

    public async Task<ServiceResult<DashboardSettingsView>> UpdateAsync(DashboardSettingsValues values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        var current = await settings.GetAsync(ct);
        var parameters = new Dictionary<string, object?>();
        if (current.MaskPhoneNumbersForViewers != values.MaskPhoneNumbersForViewers)
        {
            parameters[DashboardSettingKeys.MaskPhoneNumbersForViewers] = new { from = current.MaskPhoneNumbersForViewers, to = values.MaskPhoneNumbersForViewers };
        }

        if (current.AuditRetentionDays != values.AuditRetentionDays)
        {
            parameters[DashboardSettingKeys.AuditRetentionDays] = new { from = current.AuditRetentionDays, to = values.AuditRetentionDays };
        }

        return await actions.RunAsync(DashboardPermission.ManageSettings,
            new AuditRecord { Category = AuditCategories.Settings, Action = "settings.change", Target = string.Join(", ", parameters.Keys), Source = "settings-page", Parameters = parameters },
            async token =>
            {
                if (values.AuditRetentionDays is < 0 or > MaxRetentionDays)
                {
                    return ServiceResult<DashboardSettingsView>.Failed(AdminErrors.Invalid($"Keep the audit log between 0 (forever) and {MaxRetentionDays} days.", "auditRetentionDays"));
                }

                await settings.SaveAsync(values, (await currentUser.GetAsync()).Name, token);
                return ServiceResult<DashboardSettingsView>.Success(await settings.DescribeAsync(token));
            },
            _ => parameters.Count == 0 ? "Nothing changed." : $"Changed {string.Join(", ", parameters.Keys)}.", ct);
    }
}
