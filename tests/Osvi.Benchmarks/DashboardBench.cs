using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Osvi.Client;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing;
using Osvi.Simulator;
using Osvi.Simulator.Hosting;
using Serilog.Core;

namespace Osvi.Benchmarks;

/// <summary>The real dashboard on a Kestrel loopback port in live mode, talking over loopback HTTP to the simulator on
/// its own port — the deployed shape, both in this process. <see cref="Osvi"/> reaches the simulator directly (the
/// baseline), <see cref="Dashboard"/> the dashboard.</summary>
internal sealed class DashboardBench : IAsyncDisposable
{
    private readonly BenchDashboardFactory _factory;

    private DashboardBench(EmbeddedSimulator simulator, BenchDashboardFactory factory)
    {
        Simulator = simulator;
        _factory = factory;
        Dashboard = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(factory.StartAndGetBaseUrl() + "/"), Timeout = TimeSpan.FromMinutes(10) };
        // Signed in as an operator through the test host's authentication header (nothing in the dashboard is anonymous).
        Dashboard.DefaultRequestHeaders.Add(TestAuthentication.Header, TestAuthentication.HeaderValue(DashboardRoles.Operator));
        Osvi = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        Osvi.DefaultRequestHeaders.Add("API-Token", simulator.ApiToken);
    }

    public EmbeddedSimulator Simulator { get; }

    /// <summary>The dashboard's own HTTP endpoints.</summary>
    public HttpClient Dashboard { get; }

    /// <summary>The simulator, with the account's token.</summary>
    public HttpClient Osvi { get; }

    /// <summary>A scope of the dashboard's services in which an operator is signed in.</summary>
    public AsyncServiceScope CreateOperatorScope() => _factory.CreateScopeAs(DashboardRoles.Operator);

    public static async Task<DashboardBench> StartAsync(params string[] simulatorArgs)
    {
        var simulator = await EmbeddedSimulator.StartAsync(["--Logging:LogLevel:Default=Warning", .. simulatorArgs]);
        return new DashboardBench(simulator, new BenchDashboardFactory(simulator.BaseUrl));
    }

    /// <summary>A finished call with a recording of the given length, made through the simulator's admin API.</summary>
    public async Task<(string CallId, long Bytes)> CreateRecordedCallAsync(int durationSeconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_simulator/calls")
        {
            Content = JsonContent.Create(new { duration_seconds = durationSeconds, status = "picked" }),
        };
        request.Headers.Add(SimulatorDefaults.AdminKeyHeader, SimulatorDefaults.AdminKey);
        using var response = await Osvi.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonDocument>();
        return (body!.RootElement.GetProperty("call_id").GetString()!, body.RootElement.GetProperty("recording_bytes").GetInt64());
    }

    /// <summary>Reads a response body to its end with one small buffer (as a player or a browser download would);
    /// the byte count.</summary>
    public static async Task<long> DrainAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        Dashboard.Dispose();
        Osvi.Dispose();
        await _factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    // The bare OSVI client, registered as any application would, pointed at the simulator.
    public static ServiceProvider OsviClient(Uri baseUrl, string token)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OsviApiOptions.BaseUrlKey] = baseUrl.ToString(),
            [OsviApiOptions.ApiTokenKey] = token,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOsviClient(configuration);
        return services.BuildServiceProvider();
    }

    public static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private sealed class BenchDashboardFactory : DashboardFactory
    {
        public BenchDashboardFactory(Uri simulator)
        {
            UseKestrel(0);
            WithoutSimulatorRouting();
            WithSetting(DashboardConfigNames.OsviBaseUrl, simulator.ToString());
            // The test host's log capture keeps every event in memory; a benchmark of memory must not.
            WithServices(services => services.RemoveAll<ILogEventSink>());
        }

        public string StartAndGetBaseUrl()
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}

/// <summary>The process's memory while something runs: samples the working set and the managed heap every few
/// milliseconds on its own thread and keeps the peaks. The baseline is taken after a full, compacting collection.</summary>
internal sealed class MemoryWatch : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    private MemoryWatch()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        BaseWorkingSet = PeakWorkingSet = Environment.WorkingSet;
        BaseHeap = PeakHeap = GC.GetTotalMemory(false);
        _thread = new Thread(Sample) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public long BaseWorkingSet { get; }

    public long BaseHeap { get; }

    public long PeakWorkingSet { get; private set; }

    public long PeakHeap { get; private set; }

    /// <summary>Managed memory still reachable at the end (after a full collection), minus the baseline.</summary>
    public long RetainedHeap { get; private set; }

    public long WorkingSetGrowth => PeakWorkingSet - BaseWorkingSet;

    public long HeapGrowth => PeakHeap - BaseHeap;

    public static MemoryWatch Start() => new();

    private void Sample()
    {
        while (!_stop)
        {
            PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
            PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
            Thread.Sleep(2);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        RetainedHeap = GC.GetTotalMemory(false) - BaseHeap;
    }
}

/// <summary>Times one run.</summary>
internal static class Timed
{
    public static async Task<(T Value, TimeSpan Elapsed)> RunAsync<T>(Func<Task<T>> run)
    {
        var start = Stopwatch.GetTimestamp();
        var value = await run();
        return (value, Stopwatch.GetElapsedTime(start));
    }
}
