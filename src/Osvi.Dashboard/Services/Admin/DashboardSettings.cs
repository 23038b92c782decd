using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Services.Admin;

/// <summary>The settings an administrator changes at run time.</summary>
/// <param name="MaskPhoneNumbersForViewers">Viewers see phone numbers masked to the last 4 digits.</param>
/// <param name="AuditRetentionDays">Days the audit log keeps its entries; 0 keeps them forever.</param>
public sealed record DashboardSettingsValues(bool MaskPhoneNumbersForViewers, int AuditRetentionDays);

/// <summary>One setting as the Settings page shows it.</summary>
/// <param name="Key">See <see cref="DashboardSettingKeys"/>.</param>
/// <param name="ConfigurationKey">The configuration key that gives its default.</param>
/// <param name="IsDefault">True while nobody changed it (the configuration's value applies).</param>
/// <param name="UpdatedAt">When an administrator last changed it.</param>
/// <param name="UpdatedBy">Who.</param>
public sealed record DashboardSettingInfo(string Key, string ConfigurationKey, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>The current settings, their defaults from configuration, and who changed what.</summary>
/// <param name="Values">What applies now.</param>
/// <param name="Defaults">The configuration's values.</param>
/// <param name="Settings">Per setting: default or changed, by whom and when.</param>
public sealed record DashboardSettingsView(DashboardSettingsValues Values, DashboardSettingsValues Defaults, IReadOnlyList<DashboardSettingInfo> Settings);

/// <summary>Reads the run-time settings (stored in the database; configuration gives the defaults). Cached in memory and
/// refreshed when an administrator saves, so every reader sees a change at once.</summary>
public interface IDashboardSettings
{
    /// <summary>Increases with every saved change (readers that cache a decision compare it).</summary>
    long Version { get; }

    /// <summary>The settings that apply now.</summary>
    ValueTask<DashboardSettingsValues> GetAsync(CancellationToken ct = default);

    /// <summary>The settings with their defaults and history, for the Settings page.</summary>
    Task<DashboardSettingsView> DescribeAsync(CancellationToken ct = default);
}

internal sealed class DashboardSettingsStore(IDbContextFactory<DashboardDbContext> database, IOptionsMonitor<DashboardOptions> options, TimeProvider time) : IDashboardSettings
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DashboardSettingsValues? _current;
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public async ValueTask<DashboardSettingsValues> GetAsync(CancellationToken ct = default) =>
        _current ?? (await DescribeAsync(ct)).Values;

    public async Task<DashboardSettingsView> DescribeAsync(CancellationToken ct = default)
    {
        await using var db = await database.CreateDbContextAsync(ct);
        var rows = await db.DashboardSettings.AsNoTracking()
            .Where(row => row.Key == DashboardSettingKeys.MaskPhoneNumbersForViewers || row.Key == DashboardSettingKeys.AuditRetentionDays)
            .ToDictionaryAsync(row => row.Key, ct);
        var defaults = Defaults();
        var values = new DashboardSettingsValues(
            rows.TryGetValue(DashboardSettingKeys.MaskPhoneNumbersForViewers, out var mask) && bool.TryParse(mask.Value, out var masked) ? masked : defaults.MaskPhoneNumbersForViewers,
            rows.TryGetValue(DashboardSettingKeys.AuditRetentionDays, out var retention) && int.TryParse(retention.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : defaults.AuditRetentionDays);
        _current = values;
        return new DashboardSettingsView(values, defaults,
        [
            Info(DashboardSettingKeys.MaskPhoneNumbersForViewers, DashboardConfigNames.MaskPhoneNumbersForViewers, rows),
            Info(DashboardSettingKeys.AuditRetentionDays, DashboardConfigNames.AuditRetentionDays, rows),
        ]);
    }

    /// <summary>Stores the values that differ from the current ones; returns what changed (key → old, new).</summary>
    public async Task<IReadOnlyDictionary<string, (string Old, string New)>> SaveAsync(DashboardSettingsValues values, string user, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var current = (await DescribeAsync(ct)).Values;
            var changes = new Dictionary<string, (string Old, string New)>();
            Compare(DashboardSettingKeys.MaskPhoneNumbersForViewers, current.MaskPhoneNumbersForViewers, values.MaskPhoneNumbersForViewers, changes);
            Compare(DashboardSettingKeys.AuditRetentionDays, current.AuditRetentionDays, values.AuditRetentionDays, changes);
            if (changes.Count == 0)
            {
                return changes;
            }

            await using var db = await database.CreateDbContextAsync(ct);
            foreach (var (key, change) in changes)
            {
                var row = await db.DashboardSettings.FindAsync([key], ct);
                if (row is null)
                {
                    db.DashboardSettings.Add(new DashboardSetting { Key = key, Value = change.New, UpdatedAt = time.GetUtcNow(), UpdatedBy = user });
                }
                else
                {
                    row.Value = change.New;
                    row.UpdatedAt = time.GetUtcNow();
                    row.UpdatedBy = user;
                }
            }

            await db.SaveChangesAsync(ct);
            _current = values;
            Interlocked.Increment(ref _version);
            return changes;
        }
        finally
        {
            _gate.Release();
        }
    }

    private DashboardSettingsValues Defaults()
    {
        var security = options.CurrentValue.Security;
        return new DashboardSettingsValues(security.MaskPhoneNumbersForViewers, security.AuditRetentionDays);
    }

    private static DashboardSettingInfo Info(string key, string configurationKey, Dictionary<string, DashboardSetting> rows) =>
        rows.TryGetValue(key, out var row)
            ? new DashboardSettingInfo(key, configurationKey, false, row.UpdatedAt, row.UpdatedBy)
            : new DashboardSettingInfo(key, configurationKey, true, null, null);

    private static void Compare(string key, object current, object wanted, Dictionary<string, (string Old, string New)> changes)
    {
        var old = Convert.ToString(current, CultureInfo.InvariantCulture) ?? "";
        var updated = Convert.ToString(wanted, CultureInfo.InvariantCulture) ?? "";
        if (old != updated)
        {
            changes[key] = (old, updated);
        }
    }
}
