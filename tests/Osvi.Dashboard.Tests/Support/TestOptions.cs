using Microsoft.Extensions.Options;
using Osvi.Client;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Simulator;

namespace Osvi.Dashboard.Tests.Support;

internal static class TestOptions
{
    public const string Token = SimulatorDefaults.PrimaryToken;

    public static IOptionsMonitor<OsviApiOptions> Osvi(string token = Token) =>
        new Monitor<OsviApiOptions>(new OsviApiOptions { ApiToken = token });

    public static IOptionsMonitor<DashboardOptions> Dashboard(Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions();
        configure?.Invoke(options);
        return new Monitor<DashboardOptions>(options);
    }

    public static SecretRedactor Redactor(string token = Token) => new(Osvi(token));

    public static DashboardClock Clock(TimeProvider time, string zone = "Asia/Kolkata") =>
        new(time, Microsoft.Extensions.Options.Options.Create(new DashboardOptions { TimeZone = zone }));

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
