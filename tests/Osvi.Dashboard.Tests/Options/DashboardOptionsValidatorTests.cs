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
    [InlineData("AnonymousRole", "root", "Dashboard:Security:AnonymousRole")]
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
            case "AnonymousRole": options.Security.AnonymousRole = value; break;
            case "Interval": options.Live.Interval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Tick": options.Live.Tick = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new DashboardOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.Contains(key, StringComparison.Ordinal));
    }
}
