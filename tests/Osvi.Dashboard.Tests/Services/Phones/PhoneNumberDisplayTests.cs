using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Phones;
using Osvi.Dashboard.Testing.Fakes;
using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Services.Phones;

public sealed class PhoneNumberDisplayTests
{
    [Theory]
    [InlineData(DashboardRoles.Viewer, "+•• ••••• •3210")]
    [InlineData(DashboardRoles.Operator, "+91 98765 43210")]
    [InlineData(DashboardRoles.Admin, "+91 98765 43210")]
    public async Task ShowAsync_Role_MasksOnlyUsersWithoutFullNumbers(string role, string expected)
    {
        var display = new PhoneNumberDisplay(Users.As("asha", role), new FakeDashboardSettings());

        Assert.Equal(expected, await display.ShowAsync("+919876543210"));
        Assert.Equal(expected, display.Show("+919876543210"));
    }

    [Fact]
    public async Task ShowAsync_MaskingSwitchedOff_ShowsViewersTheFullNumber()
    {
        var settings = new FakeDashboardSettings();
        settings.Set(new DashboardSettingsValues(MaskPhoneNumbersForViewers: false, AuditRetentionDays: 365));
        var display = new PhoneNumberDisplay(Users.As("asha", DashboardRoles.Viewer), settings);

        Assert.False(await display.IsMaskedAsync());
        Assert.Equal("+91 98765 43210", await display.ShowAsync("+919876543210"));
    }

    [Fact]
    public async Task ShowAsync_AdministratorChangesTheSettingAtRunTime_TheSameCircuitFollows()
    {
        var settings = new FakeDashboardSettings();
        var display = new PhoneNumberDisplay(Users.As("vera", DashboardRoles.Viewer), settings);
        Assert.Equal("+•• ••••• •3210", await display.ShowAsync("+919876543210"));

        settings.Set(new DashboardSettingsValues(MaskPhoneNumbersForViewers: false, AuditRetentionDays: 365));
        Assert.Equal("+91 98765 43210", await display.ShowAsync("+919876543210"));

        settings.Set(new DashboardSettingsValues(MaskPhoneNumbersForViewers: true, AuditRetentionDays: 365));
        Assert.Equal("+•• ••••• •3210", await display.ShowAsync("+919876543210"));
    }

    [Fact]
    public void Show_BeforeTheUserIsKnown_Masks()
    {
        var pending = new TaskCompletionSource<DashboardUser>();
        var display = new PhoneNumberDisplay(new PendingUser(pending.Task), new FakeDashboardSettings());

        Assert.Equal("+•• ••••• •3210", display.Show("+919876543210"));
    }

    private sealed class PendingUser(Task<DashboardUser> user) : ICurrentUser
    {
        public Task<DashboardUser> GetAsync() => user;
    }
}
