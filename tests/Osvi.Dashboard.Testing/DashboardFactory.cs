using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Simulator;
using Serilog.Core;

namespace Osvi.Dashboard.Testing;

/// <summary>The real dashboard host in memory. By default it runs in live mode against the simulator <b>in memory</b>
/// (<c>WebApplicationFactory&lt;SimulatorEntryPoint&gt;</c>) with the primary demo token: every HttpClient's requests for
/// the OSVI host go to the simulator's TestServer (see <see cref="UpstreamRequests"/>). <see cref="UseDemoMode"/>
/// instead runs true demo mode (the embedded simulator on a loopback port). Each factory has its own data folder and
/// captures the host's logs in <see cref="Logs"/>. Nothing is anonymous: act as a role with <see cref="CreateClientAs"/>
/// (HTTP) or <see cref="CreateScopeAs"/> (services), or sign in for real with <see cref="CreateAccountAsync"/> and
/// <see cref="SignInAsync"/>; in demo mode the demo accounts (<c>DemoAccounts</c>) exist.</summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    /// <summary>The OSVI address the dashboard is given in the in-memory setup.</summary>
    public static readonly Uri SimulatorBaseUrl = new("http://osvi-simulator.test/");

    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<IWebHostBuilder>> _simulatorConfiguration = [];
    private WebApplicationFactory<SimulatorEntryPoint>? _simulator;
    private bool _demo;
    private bool _routeToSimulator = true;

    public DashboardFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "osvi-dashboard-tests", Guid.NewGuid().ToString("N"));
        _settings[DashboardConfigNames.Mode] = "Live";
        _settings[DashboardConfigNames.OsviBaseUrl] = SimulatorBaseUrl.ToString();
        _settings[DashboardConfigNames.OsviApiToken] = SimulatorDefaults.PrimaryToken;
        _settings[DashboardConfigNames.DataPath] = DataDirectory;
        _settings[DashboardConfigNames.SecretsPath] = Path.Combine(DataDirectory, "no-secrets");
    }

    /// <summary>This factory's own data folder (deleted on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>Everything the host logged.</summary>
    public CapturedLogSink Logs { get; } = new();

    /// <summary>Every request the dashboard sent to the in-memory simulator.</summary>
    public UpstreamRecorder UpstreamRequests { get; } = new();

    /// <summary>The in-memory simulator (created on first use; null in demo mode).</summary>
    public WebApplicationFactory<SimulatorEntryPoint> Simulator =>
        _demo ? throw new InvalidOperationException("In demo mode the simulator is embedded: resolve EmbeddedSimulator from Services.")
              : _simulator ??= new WebApplicationFactory<SimulatorEntryPoint>().WithWebHostBuilder(builder =>
              {
                  foreach (var configure in _simulatorConfiguration)
                  {
                      configure(builder);
                  }
              });

    /// <summary>Sets one configuration value before the host starts; visible to the code that runs before the host is
    /// built (mode selection), unlike <c>ConfigureAppConfiguration</c>. A null value removes a default of this factory.</summary>
    public DashboardFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds or replaces services after the dashboard's own registrations.</summary>
    public DashboardFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Configures the in-memory simulator (e.g. its settings) before it starts.</summary>
    public DashboardFactory ConfigureSimulator(Action<IWebHostBuilder> configure)
    {
        _simulatorConfiguration.Add(configure);
        return this;
    }

    /// <summary>Leaves every HttpClient on its real network handler (e.g. to test an unreachable OSVI address).</summary>
    public DashboardFactory WithoutSimulatorRouting()
    {
        _routeToSimulator = false;
        return this;
    }

    /// <summary>Runs true demo mode: no token, the embedded simulator on a loopback port, no request routing.</summary>
    public DashboardFactory UseDemoMode()
    {
        _demo = true;
        _settings[DashboardConfigNames.Mode] = "Demo";
        _settings.Remove(DashboardConfigNames.OsviBaseUrl);
        _settings.Remove(DashboardConfigNames.OsviApiToken);
        return this;
    }

    /// <summary>A client whose every request acts as <paramref name="role"/> (the test authentication scheme). Anonymous
    /// requests: <c>CreateClient()</c>. Real sign-in through the form: <see cref="SignInAsync"/>.</summary>
    public HttpClient CreateClientAs(string role, string? userName = null, WebApplicationFactoryClientOptions? options = null)
    {
        var client = CreateClient(options ?? new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthentication.Header, TestAuthentication.HeaderValue(role, userName));
        return client;
    }

    /// <summary>A service scope in which the current user (circuit authentication state) is <paramref name="role"/>, for
    /// calling services directly as a Blazor circuit of that user would.</summary>
    public AsyncServiceScope CreateScopeAs(string role, string? userName = null)
    {
        var scope = Services.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)state).SetAuthenticationState(
            Task.FromResult(new AuthenticationState(TestAuthentication.Principal(role, userName))));
        return scope;
    }

    /// <summary>Creates a local account (Identity, in this factory's database) and returns its password.</summary>
    public async Task<string> CreateAccountAsync(string userName, string role, string? password = null)
    {
        // A random hex password can contain a short user name such as "ada", which the password rules refuse.
        while (password is null)
        {
            var random = $"pw-{Guid.NewGuid():N}";
            password = random.Contains(userName, StringComparison.OrdinalIgnoreCase) ? null : random;
        }

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardAccount>>();
        var account = new DashboardAccount { UserName = userName, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" };
        Check(await users.CreateAsync(account, password));
        Check(await users.AddToRoleAsync(account, role));
        return password;

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Description)));
            }
        }
    }

    /// <summary>Signs <paramref name="client"/> in through the real sign-in form (antiforgery token, form post, session
    /// cookie in the client's cookie container) and returns the form post's response (302 on success).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri(DashboardAuthentication.SignInPath, UriKind.Relative));
        return await client.PostAsync(new Uri($"{DashboardAuthentication.SignInPath}?{DashboardAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(form),
                ["_handler"] = "sign-in",
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings.Where(setting => setting.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            TestAuthentication.Add(services);
            if (!_demo && _routeToSimulator)
            {
                var baseUrl = new Uri(_settings[DashboardConfigNames.OsviBaseUrl] ?? SimulatorBaseUrl.ToString());
                services.AddSingleton<IHttpMessageHandlerBuilderFilter>(
                    new SimulatorRoutingFilter(baseUrl, () => Simulator.Server.CreateHandler(), UpstreamRequests));
            }

            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open only costs a temp folder.
        }

        GC.SuppressFinalize(this);
    }
}
