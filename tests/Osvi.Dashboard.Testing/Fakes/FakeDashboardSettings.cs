using Osvi.Dashboard.Services.Admin;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>Run-time settings a test sets directly (<see cref="Set"/> raises the version, as an administrator's save does).</summary>
public sealed class FakeDashboardSettings : IDashboardSettings
{
    private DashboardSettingsValues _values = new(MaskPhoneNumbersForViewers: true, AuditRetentionDays: 365);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Set(DashboardSettingsValues values)
    {
        _values = values;
        Interlocked.Increment(ref _version);
    }

    public ValueTask<DashboardSettingsValues> GetAsync(CancellationToken ct = default) => ValueTask.FromResult(_values);

    public Task<DashboardSettingsView> DescribeAsync(CancellationToken ct = default) =>
        Task.FromResult(new DashboardSettingsView(_values, _values,
        [
            new DashboardSettingInfo(DashboardSettingKeys.MaskPhoneNumbersForViewers, Options.DashboardConfigNames.MaskPhoneNumbersForViewers, true, null, null),
            new DashboardSettingInfo(DashboardSettingKeys.AuditRetentionDays, Options.DashboardConfigNames.AuditRetentionDays, true, null, null),
        ]));
}
