using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Hosting;
using Serilog.Events;

namespace Osvi.Benchmarks;

/// <summary>
/// Real circuits: the dashboard in demo mode on Kestrel in this process (so its managed heap can be measured after a full
/// collection), N headless chromium pages (Debian's chromium through Playwright, 10 pages per browser context) on one
/// page, the embedded simulator counting every upstream request.
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
        var first = await rig.OpenAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(12));
        var perMinuteOne = await rig.UpstreamPerMinuteAsync(window);
        var (heapBefore, workingSetBefore) = Measure();

        var opened = Stopwatch.StartNew();
        var pages = await rig.OpenAsync(circuits);
        Console.WriteLine(Invariant($"opened {circuits} circuits in {opened.Elapsed.TotalSeconds:F0} s"));
        await Task.Delay(TimeSpan.FromSeconds(12));
        var (heapAfter, workingSetAfter) = Measure();
        var perMinuteMany = await rig.UpstreamPerMinuteAsync(window);
        var live = await rig.CountUpdatingAsync(pages, TimeSpan.FromSeconds(25));

        var heapPer = (heapAfter - heapBefore) / circuits;
        var setPer = (workingSetAfter - workingSetBefore) / circuits;
        Console.WriteLine(Invariant($"managed heap: {heapBefore / 1048576.0:F1} MB → {heapAfter / 1048576.0:F1} MB = {heapPer / 1024.0:F0} KB per circuit"));
        Console.WriteLine(Invariant($"working set:  {workingSetBefore / 1048576.0:F1} MB → {workingSetAfter / 1048576.0:F1} MB = {setPer / 1024.0:F0} KB per circuit (includes the Playwright client in this process)"));
        Console.WriteLine(Invariant($"upstream requests per minute: {perMinuteOne:F0} with 1 circuit, {perMinuteMany:F0} with {circuits + 1}"));
        Console.WriteLine(Invariant($"circuits whose 'updated at' changed within 25 s: {live}/{pages.Count}"));
        var pass = heapPer <= 500 * 1024 && perMinuteMany <= perMinuteOne * 1.2 + 2 && live == pages.Count;
        Console.WriteLine(pass ? "PASS (≤ 500 KB per circuit, upstream flat, every circuit live)" : "FAIL");
        GC.KeepAlive(first);
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
        var live = await rig.CountUpdatingAsync(pages, TimeSpan.FromSeconds(25));
        Console.WriteLine(Invariant($"heap after warm-up {afterWarmup / 1048576.0:F1} MB → end {end / 1048576.0:F1} MB: {growth * 100:+0.0;-0.0} %"));
        Console.WriteLine(Invariant($"errors logged: {errors.Count}{string.Concat(errors.Take(5).Select(e => "\n  " + e.RenderMessage(CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(Invariant($"circuits whose 'updated at' changed within 25 s at the end: {live}/{pages.Count}"));
        var pass = growth <= 0.05 && errors.Count == 0 && live == pages.Count;
        Console.WriteLine(pass ? "PASS (heap ≤ +5 % after warm-up, no errors, every circuit live)" : "FAIL");
        return pass ? 0 : 1;
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
        private readonly List<IBrowserContext> _contexts = [];
        private IPlaywright _playwright = null!;
        private IBrowser _browser = null!;
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
            rig._playwright = await Playwright.CreateAsync();
            rig._browser = await rig._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions",
                        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
            });
            return rig;
        }

        /// <summary>Opens <paramref name="count"/> pages and waits until each is interactive and shows data.</summary>
        public async Task<List<IPage>> OpenAsync(int count)
        {
            var pages = new List<IPage>();
            for (var i = 0; i < count; i++)
            {
                if (i % PagesPerContext == 0)
                {
                    _contexts.Add(await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }));
                }

                var page = await _contexts[^1].NewPageAsync();
                await page.GotoAsync(_baseUrl + _path);
                await page.Locator("#render-state[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                await page.Locator("#last-updated[data-updated]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                pages.Add(page);
            }

            return pages;
        }

        /// <summary>Upstream requests per minute over <paramref name="window"/> (counted at the simulator).</summary>
        public async Task<double> UpstreamPerMinuteAsync(TimeSpan window)
        {
            var before = UpstreamTotal;
            await Task.Delay(window);
            return (UpstreamTotal - before) / window.TotalMinutes;
        }

        /// <summary>How many pages' visible "updated at" changed within <paramref name="within"/>.</summary>
        public async Task<int> CountUpdatingAsync(IReadOnlyList<IPage> pages, TimeSpan within)
        {
            var before = await Task.WhenAll(pages.Select(page => page.Locator("#last-updated").GetAttributeAsync("data-updated")));
            await Task.Delay(within);
            var after = await Task.WhenAll(pages.Select(page => page.Locator("#last-updated").GetAttributeAsync("data-updated")));
            return before.Zip(after).Count(pair => pair.First != pair.Second);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var context in _contexts)
            {
                await context.DisposeAsync();
            }

            await _browser.DisposeAsync();
            _playwright.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
