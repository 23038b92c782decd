using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Tests.Options;

public sealed class DashboardOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new DashboardOptionsValidator().Validate(null, new DashboardOptions()).Succeeded);

    [Theory]
    [InlineData("Mode", "Sometimes", "Dashboard:Mode")]
    [InlineData("TimeZone", "Mars/Olympus_Mons", "Dashboard:TimeZone")]
    [InlineData("LogFormat", "Xml", "Dashboard:LogFormat")]
    [InlineData("DataPath", " ", "Dashboard:DataPath")]
    [InlineData("PasswordMinLength", "4", "Dashboard:Security:PasswordMinLength")]
    [InlineData("BootstrapUserOnly", "admin", "Dashboard:Security:BootstrapAdmin:UserName and Dashboard:Security:BootstrapAdmin:Password must be set together")]
    [InlineData("BootstrapShortPassword", "short", "Dashboard:Security:BootstrapAdmin:Password must have at least 12")]
    [InlineData("OidcAuthority", "http://idp.example.com", "Dashboard:Security:Oidc:Authority must be an absolute https URL")]
    [InlineData("OidcRoleMap", "superuser", "Dashboard:Security:Oidc:RoleMap:ops must be one of viewer, operator, admin")]
    [InlineData("ProxyNetwork", "10.0.0.0/99", "Dashboard:ReverseProxy:KnownNetworks")]
    [InlineData("Interval", "00:00:00.5", "Dashboard:Live:Interval")]
    [InlineData("Tick", "00:01:00", "Dashboard:Live:Tick")]
    public void Validate_InvalidValue_FailsWithAMessageNamingTheKey(string setting, string value, string key)
    {
        var options = new DashboardOptions();
        switch (setting)
        {
            case "Mode": options.Mode = value; break;
            case "TimeZone": options.TimeZone = value; break;
            case "LogFormat": options.LogFormat = value; break;
            case "DataPath": options.DataPath = value; break;
            case "PasswordMinLength": options.Security.PasswordMinLength = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "BootstrapUserOnly": options.Security.BootstrapAdmin.UserName = value; break;
            case "BootstrapShortPassword": options.Security.BootstrapAdmin = new BootstrapAdminOptions { UserName = "admin", Password = value }; break;
            case "OidcAuthority": options.Security.Oidc = new OidcSignInOptions { Authority = value, ClientId = "dashboard" }; break;
            case "OidcRoleMap": options.Security.Oidc = new OidcSignInOptions { Authority = "https://idp.example.com", ClientId = "dashboard", RoleMap = { ["ops"] = value } }; break;
            case "ProxyNetwork": options.ReverseProxy.KnownNetworks.Add(value); break;
            case "Interval": options.Live.Interval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Tick": options.Live.Tick = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new DashboardOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.Contains(key, StringComparison.Ordinal));
    }
}
