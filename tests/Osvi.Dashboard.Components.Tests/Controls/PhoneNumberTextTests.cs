using Bunit;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Controls;

public sealed class PhoneNumberTextTests : OsviTestContext
{
    [Fact]
    public void Render_Operator_ShowsTheFormattedNumber()
    {
        UseRole(DashboardRoles.Operator);

        var cut = Render<PhoneNumberText>(parameters => parameters.Add(p => p.Value, "+919876543210"));

        cut.WaitForAssertion(() => Assert.Equal("+91 98765 43210", cut.Find(".osvi-phone").TextContent));
    }

    [Fact]
    public void Render_Viewer_ShowsOnlyTheLastFourDigits()
    {
        UseRole(DashboardRoles.Viewer);

        var cut = Render<PhoneNumberText>(parameters => parameters.Add(p => p.Value, "+919876543210"));

        cut.WaitForAssertion(() => Assert.Equal("+•• ••••• •3210", cut.Find(".osvi-phone").TextContent));
        Assert.DoesNotContain("98765", cut.Markup, StringComparison.Ordinal);
    }
}
