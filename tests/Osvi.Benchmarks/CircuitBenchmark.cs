using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Hosting;
using Serilog.Events;

namespace Osvi.Benchmarks;

/// <summary>
/// Real circuits: the dashboard in demo mode on Kestrel in this process (so its managed heap can be measured after a full
/// collection), N headless chromium pages (Debian's chromium through Playwright, 10 pages per browser context) on one
/// page (each context signed in as the demo viewer), the embedded simulator counting every upstream request.
/// <list type="bullet">
/// <item><c>circuit-memory</c>: managed-heap and working-set growth per circuit after N circuits are open and showing
/// data (goal ≤ 500 KB per circuit), and upstream requests per minute with 1 and with N circuits (must not grow).
/// Options: <c>--circuits 100</c>, <c>--path /</c>, <c>--window 60</c> (seconds counted per phase).</item>
/// <item><c>circuit-soak</c>: N circuits for <c>--minutes 10</c> with the simulator's clock running; heap after warm-up
/// (<c>--warmup 2</c> minutes) grows ≤ 5 %, no error logged, every circuit's <c>#last-updated</c> still changing at the end.</item>
/// </list>
/// The refresh interval is the production default (10 s).
/// </summary>
internal static class CircuitBenchmark
{
    public const string MemoryDescription = "server memory per circuit + upstream req/min, N chromium pages (--circuits 100 --path / --window 60)";
    public const string SoakDescription = "N circuits for M minutes: heap growth, errors logged, live updates (--circuits 100 --minutes 10 --path /)";

    private const int PagesPerContext = 10;

    public static async Task<int> RunMemoryAsync(string[] args)
    {
        var circuits = Option(args, "--circuits", 100);
        var path = StringOption(args, "--path", "/");
        var window = TimeSpan.FromSeconds(Option(args, "--window", 60));
        await using var rig = await Rig.StartAsync(path);

        // One circuit first: start-up allocations (JIT, caches, the first poll) are not a circuit's cost.
        _ = await rig.OpenAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(12));
        var perMinuteOne = await rig.UpstreamPerMinuteAsync(window);
        var (heapBefore, workingSetBefore) = Measure();

        var opened = Stopwatch.StartNew();
        var pages = await rig.OpenAsync(circuits);
        Console.WriteLine(Invariant($"opened {circuits} circuits in {opened.Elapsed.TotalSeconds:F0} s"));
        await Task.Delay(TimeSpan.FromSeconds(12));
        var (heapAfter, workingSetAfter) = Measure();
        var perMinuteMany = await rig.UpstreamPerMinuteAsync(window);
        var live = await pages.CountUpdatingAsync();
        if (Option(args, "--hold", 0) is > 0 and var hold)
        {
            // Time to take a heap dump of this process (dotnet-gcdump collect -p PID) with the circuits open.
            Console.WriteLine(Invariant($"holding {hold} s, pid {Environment.ProcessId}"));
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        var heapPer = (heapAfter - heapBefore) / circuits;
        var setPer = (workingSetAfter - workingSetBefore) / circuits;
        Console.WriteLine(Invariant($"managed heap: {heapBefore / 1048576.0:F1} MB → {heapAfter / 1048576.0:F1} MB = {heapPer / 1024.0:F0} KB per circuit"));
        Console.WriteLine(Invariant($"working set:  {workingSetBefore / 1048576.0:F1} MB → {workingSetAfter / 1048576.0:F1} MB = {setPer / 1024.0:F0} KB per circuit (browsers in a child process)"));
        Console.WriteLine(Invariant($"upstream requests per minute: {perMinuteOne:F0} with 1 circuit, {perMinuteMany:F0} with {circuits + 1}"));
        Console.WriteLine(Invariant($"circuits whose 'updated at' changed within 25 s: {live}/{circuits}"));
        var pass = heapPer <= 500 * 1024 && perMinuteMany <= perMinuteOne * 1.2 + 2 && live == circuits;
        Console.WriteLine(pass ? "PASS (≤ 500 KB per circuit, upstream flat, every circuit live)" : "FAIL");
        return pass ? 0 : 1;
    }

    public static async Task<int> RunSoakAsync(string[] args)
    {
        var circuits = Option(args, "--circuits", 100);
        var minutes = Option(args, "--minutes", 10);
        var warmup = Option(args, "--warmup", 2);
        var path = StringOption(args, "--path", "/");
        await using var rig = await Rig.StartAsync(path, clockSpeed: 60);
        var pages = await rig.OpenAsync(circuits);
        var started = Stopwatch.StartNew();
        long? afterWarmup = null;
        var samples = new List<(double Minute, long Heap)>();
        while (started.Elapsed < TimeSpan.FromMinutes(minutes))
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
            var (heap, set) = Measure();
            samples.Add((started.Elapsed.TotalMinutes, heap));
            if (afterWarmup is null && started.Elapsed >= TimeSpan.FromMinutes(warmup))
            {
                afterWarmup = heap;
            }

            Console.WriteLine(Invariant($"{started.Elapsed.TotalMinutes,5:F1} min: heap {heap / 1048576.0:F1} MB, working set {set / 1048576.0:F1} MB, upstream total {rig.UpstreamTotal}"));
        }

        var end = samples[^1].Heap;
        var growth = afterWarmup is { } baseline ? (end - baseline) / (double)baseline : double.NaN;
        var errors = rig.Factory.Logs.Events.Where(e => e.Level >= LogEventLevel.Error).ToList();
        var live = await pages.CountUpdatingAsync();
        Console.WriteLine(Invariant($"heap after warm-up {afterWarmup / 1048576.0:F1} MB → end {end / 1048576.0:F1} MB: {growth * 100:+0.0;-0.0} %"));
        Console.WriteLine(Invariant($"errors logged: {errors.Count}{string.Concat(errors.Take(5).Select(e => "\n  " + e.RenderMessage(CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(Invariant($"circuits whose 'updated at' changed within 25 s at the end: {live}/{circuits}"));
        var pass = growth <= 0.05 && errors.Count == 0 && live == circuits;
        Console.WriteLine(pass ? "PASS (heap ≤ +5 % after warm-up, no errors, every circuit live)" : "FAIL");
        return pass ? 0 : 1;
    }

    /// <summary><c>circuit-browsers URL N</c> (the child process): opens N pages, prints READY, then answers each
    /// "live" line on stdin with <c>LIVE n</c> (pages whose "updated at" changed within 25 s) until stdin closes.</summary>
    public static async Task<int> RunBrowsersAsync(string[] args)
    {
        var url = args[0];
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions",
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        var pages = new List<IPage>();
        IBrowserContext? context = null;
        for (var i = 0; i < count; i++)
        {
            if (i % PagesPerContext == 0)
            {
                context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            }

            var page = await context!.NewPageAsync();
            if (i % PagesPerContext == 0)
            {
                // One sign-in per browser context (its pages share the cookie), as the demo viewer.
                var account = DemoAccounts.For(DashboardRoles.Viewer);
                var root = new Uri(url).GetLeftPart(UriPartial.Authority);
                await page.GotoAsync(root + DashboardAuthentication.SignInPath + "?" + DashboardAuthentication.ReturnUrlParameter + "=" + Uri.EscapeDataString(new Uri(url).PathAndQuery));
                await page.Locator("#sign-in-user").FillAsync(account.UserName);
                await page.Locator("#sign-in-password").FillAsync(account.Password);
                await page.Locator("#sign-in-submit").ClickAsync();
                await page.WaitForURLAsync(address => !address.Contains(DashboardAuthentication.SignInPath, StringComparison.Ordinal), new() { Timeout = 120_000 });
            }
            else
            {
                await page.GotoAsync(url);
            }

            await page.Locator("#render-state[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            await page.Locator("#last-updated[data-updated]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            pages.Add(page);
        }

        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "live")
            {
                var before = await Task.WhenAll(pages.Select(page => page.Locator("#last-updated").GetAttributeAsync("data-updated")));
                await Task.Delay(TimeSpan.FromSeconds(25));
                var after = await Task.WhenAll(pages.Select(page => page.Locator("#last-updated").GetAttributeAsync("data-updated")));
                Console.WriteLine(Invariant($"LIVE {before.Zip(after).Count(pair => pair.First != pair.Second)}"));
            }
        }

        return 0;
    }

    /// <summary>The child process holding the browser pages.</summary>
    internal sealed class BrowserProcess : IDisposable
    {
        private readonly Process _process;

        private BrowserProcess(Process process) => _process = process;

        public static BrowserProcess Start(string url, int count)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (!Environment.ProcessPath!.EndsWith("Osvi.Benchmarks", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(CircuitBenchmark).Assembly.Location);
            }

            foreach (var arg in new[] { "circuit-browsers", url, count.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            return new BrowserProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the browser process."));
        }

        public async Task<string> WaitForAsync(string prefix)
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new InvalidOperationException($"The browser process ended before {prefix}.");
        }

        /// <summary>Pages whose visible "updated at" changed within 25 s.</summary>
        public async Task<int> CountUpdatingAsync()
        {
            await _process.StandardInput.WriteLineAsync("live");
            await _process.StandardInput.FlushAsync();
            return int.Parse((await WaitForAsync("LIVE "))[5..], CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30_000))
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string StringOption(string[] args, string name, string fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Rig : IAsyncDisposable
    {
        private readonly List<BrowserProcess> _browsers = [];
        private string _baseUrl = "";
        private string _path = "/";

        public KestrelDashboardFactory Factory { get; } = new();

        public long UpstreamTotal => Factory.Services.GetRequiredService<EmbeddedSimulator>().Services.GetRequiredService<RequestLog>().Total;

        public static async Task<Rig> StartAsync(string path, double clockSpeed = 1)
        {
            var rig = new Rig { _path = path };
            rig.Factory
                .WithSetting(DashboardConfigNames.LiveInterval, "00:00:10")
                .WithSetting(DashboardConfigNames.LiveTick, "00:00:01")
                .WithSetting("Simulator:ClockSpeed", clockSpeed.ToString(CultureInfo.InvariantCulture))
                .WithSetting("Serilog:MinimumLevel:Default", "Warning");
            rig._baseUrl = rig.Factory.StartAndGetBaseUrl();
            await Task.CompletedTask;
            return rig;
        }

        /// <summary>Opens <paramref name="count"/> pages in a child process (<c>circuit-browsers</c>), so the Playwright
        /// client's own objects are not counted as the server's memory, and waits until each is interactive and shows data.</summary>
        public async Task<BrowserProcess> OpenAsync(int count)
        {
            var browsers = BrowserProcess.Start(_baseUrl + _path, count);
            _browsers.Add(browsers);
            await browsers.WaitForAsync("READY");
            return browsers;
        }

        /// <summary>Upstream requests per minute over <paramref name="window"/> (counted at the simulator).</summary>
        public async Task<double> UpstreamPerMinuteAsync(TimeSpan window)
        {
            var before = UpstreamTotal;
            await Task.Delay(window);
            return (UpstreamTotal - before) / window.TotalMinutes;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var browsers in _browsers)
            {
                browsers.Dispose();
            }

            await Factory.DisposeAsync();
        }
    }
}
