using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Hosting;
using Serilog.Events;

namespace Osvi.Benchmarks;

/// <summary>
/// Real circuits: the dashboard in demo mode on Kestrel in this process (so its managed heap can be measured after a full
/// collection), N headless chromium pages (Debian's chromium through Playwright, 10 pages per browser context) on one
/// page (each context signed in as the demo viewer), the embedded simulator counting every upstream request. Each page
/// must show its data (<see cref="PageProfile"/>: 100 rows on <c>/calls?per_page=100</c> with auto-refresh switched on,
/// a tile per watched campaign on <c>/monitor</c>) before it counts as open, and still show it at the end.
/// <list type="bullet">
/// <item><c>circuit-memory</c>: managed-heap and working-set growth per circuit after N circuits are open and showing
/// data (goal ≤ 500 KB per circuit), and upstream requests per minute with 1 and with N circuits (must not grow).
/// Options: <c>--circuits 100</c>, <c>--path /</c> (or <c>/calls?per_page=100</c>, <c>/monitor</c>), <c>--window 60</c>
/// (seconds counted per phase), <c>--watch 5</c> (campaigns watched for <c>/monitor</c>), <c>--hold S</c> (time for a
/// heap dump).</item>
/// <item><c>circuit-soak</c>: N circuits for <c>--minutes 10</c> with the simulator's clock running; heap after warm-up
/// (<c>--warmup 2</c> minutes) grows ≤ 5 %, no error logged, every circuit's <c>#last-updated</c> still changing at the end.</item>
/// <item><c>call-log-traffic</c>: one page on <c>/calls?per_page=100</c> with auto-refresh on; the bytes its circuit sends
/// the browser over <c>--window 120</c> seconds with no new calls, then with a call started every <c>--every 10</c>
/// seconds: a new call must cost ≤ 10 KB (its row goes on top, the others move), not the page again.</item>
/// </list>
/// The refresh interval is the production default (10 s).
/// </summary>
internal static class CircuitBenchmark
{
    public const string MemoryDescription = "server memory per circuit + upstream req/min, N chromium pages (--circuits 100 --path /calls?per_page=100 --window 60)";
    public const string TrafficDescription = "bytes a call-log browser receives per new call, 1 chromium page (--window 120 --every 10)";
    public const string SoakDescription = "N circuits for M minutes: heap growth, errors logged, live updates (--circuits 100 --minutes 10 --warmup 2 --path /monitor)";

    private const int PagesPerContext = 10;

    public static async Task<int> RunMemoryAsync(string[] args)
    {
        var circuits = Option(args, "--circuits", 100);
        var path = StringOption(args, "--path", "/");
        var window = TimeSpan.FromSeconds(Option(args, "--window", 60));
        await using var rig = await Rig.StartAsync(path, watched: Option(args, "--watch", 5));

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
        var (live, showing) = await pages.CountUpdatingAsync();
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
        Console.WriteLine(Invariant($"circuits whose 'updated at' changed within 25 s: {live}/{circuits}; showing {rig.Profile.Describe()}: {showing}/{circuits}"));
        var pass = heapPer <= 500 * 1024 && perMinuteMany <= perMinuteOne * 1.2 + 2 && live == circuits && showing == circuits;
        Console.WriteLine(pass ? "PASS (≤ 500 KB per circuit, upstream flat, every circuit live)" : "FAIL");
        return pass ? 0 : 1;
    }

    public static async Task<int> RunSoakAsync(string[] args)
    {
        var circuits = Option(args, "--circuits", 100);
        var minutes = Option(args, "--minutes", 10);
        var warmup = Option(args, "--warmup", 2);
        var path = StringOption(args, "--path", "/");
        await using var rig = await Rig.StartAsync(path, clockSpeed: 60, watched: Option(args, "--watch", 5));
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
        var (live, showing) = await pages.CountUpdatingAsync();
        Console.WriteLine(Invariant($"heap after warm-up {afterWarmup / 1048576.0:F1} MB → end {end / 1048576.0:F1} MB: {growth * 100:+0.0;-0.0} %"));
        Console.WriteLine(Invariant($"errors logged: {errors.Count}{string.Concat(errors.Take(5).Select(e => "\n  " + e.RenderMessage(CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(Invariant($"circuits whose 'updated at' changed within 25 s at the end: {live}/{circuits}; showing {rig.Profile.Describe()}: {showing}/{circuits}"));
        var pass = growth <= 0.05 && errors.Count == 0 && live == circuits && showing == circuits;
        Console.WriteLine(pass ? "PASS (heap ≤ +5 % after warm-up, no errors, every circuit live)" : "FAIL");
        return pass ? 0 : 1;
    }

    public static async Task<int> RunTrafficAsync(string[] args)
    {
        var window = TimeSpan.FromSeconds(Option(args, "--window", 120));
        var every = TimeSpan.FromSeconds(Option(args, "--every", 10));
        await using var rig = await Rig.StartAsync("/calls?per_page=100");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        long received = 0;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            Interlocked.Add(ref received, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        await SignInAsViewerAsync(page, rig.PageUrl);
        await page.Locator("#render-state[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.Locator("#auto-refresh").CheckAsync(new() { Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#call-log tr.osvi-call-row').length === 100", null, new() { Timeout = 120_000 });
        using var admin = SimulatorAdmin.For(rig.Factory.Services.GetRequiredService<EmbeddedSimulator>().BaseUrl);
        var agent = await admin.AgentIdAsync("Appointment Reminder");
        await Task.Delay(TimeSpan.FromSeconds(5));

        // Phase 1: nobody calls; phase 2: a new call every few seconds, each one the newest row at the next refresh.
        Interlocked.Exchange(ref received, 0);
        await Task.Delay(window);
        var quiet = Interlocked.Exchange(ref received, 0);
        var calls = 0;
        var phase = Stopwatch.StartNew();
        while (phase.Elapsed < window)
        {
            await admin.OsviAsync(HttpMethod.Post, "/v1/call", new { agent_uuid = agent, phone_number = Simulator.World.OutcomeRules.NationalNumber(Simulator.World.OutcomeRules.BusySuffix, 40 + (calls % 50)), country_code = "IN" });
            calls++;
            await Task.Delay(every);
        }

        var busy = Interlocked.Read(ref received);
        var perCall = (busy - quiet) / (double)calls;
        Console.WriteLine(Invariant($"circuit traffic to the browser over {window.TotalSeconds:F0} s: {quiet / 1024.0:F0} KB with no new calls, {busy / 1024.0:F0} KB with a new call every {every.TotalSeconds:F0} s ({calls} calls)"));
        Console.WriteLine(Invariant($"each new call costs the browser {perCall / 1024.0:F1} KB"));
        var pass = perCall <= 10 * 1024;
        Console.WriteLine(pass ? "PASS (≤ 10 KB per new call: rows move, they are not sent again)" : "FAIL");
        return pass ? 0 : 1;
    }

    /// <summary><c>circuit-browsers URL N UPDATED ITEMS COUNT AUTO</c> (the child process): opens N pages, waits until
    /// each is interactive, shows COUNT elements matching ITEMS (<c>-</c> for none) and an UPDATED element with
    /// <c>data-updated</c> (AUTO <c>yes</c>: switches the page's auto-refresh on first), prints READY, then answers each
    /// "live" line on stdin with <c>LIVE n m</c> (n pages whose "updated at" changed within 25 s, m still showing COUNT
    /// items) until stdin closes.</summary>
    public static async Task<int> RunBrowsersAsync(string[] args)
    {
        var url = args[0];
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var profile = new PageProfile(args[2], args[3] == "-" ? null : args[3], int.Parse(args[4], CultureInfo.InvariantCulture), args[5] == "yes");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var pages = new List<IPage>();
        IBrowserContext? context = null;
        var patience = new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 250 };
        for (var i = 0; i < count; i++)
        {
            if (i % PagesPerContext == 0)
            {
                context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            }

            var page = await context!.NewPageAsync();
            if (i % PagesPerContext == 0)
            {
                // One sign-in per browser context (its pages share the cookie).
                await SignInAsViewerAsync(page, url);
            }
            else
            {
                await page.GotoAsync(url);
            }

            await page.Locator("#render-state[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            if (profile.AutoRefresh)
            {
                await page.Locator("#auto-refresh").CheckAsync(new() { Timeout = 120_000 });
            }

            await page.WaitForFunctionAsync("s => document.querySelector(s)?.dataset.updated", profile.UpdatedSelector, patience);
            if (profile.ItemSelector is { } items)
            {
                await page.WaitForFunctionAsync("([s, n]) => document.querySelectorAll(s).length === n", new object[] { items, profile.Items }, patience);
            }

            pages.Add(page);
        }

        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "live")
            {
                var before = await Task.WhenAll(pages.Select(page => page.Locator(profile.UpdatedSelector).GetAttributeAsync("data-updated")));
                await Task.Delay(TimeSpan.FromSeconds(25));
                var after = await Task.WhenAll(pages.Select(page => page.Locator(profile.UpdatedSelector).GetAttributeAsync("data-updated")));
                var showing = profile.ItemSelector is { } items
                    ? (await Task.WhenAll(pages.Select(page => page.Locator(items).CountAsync()))).Count(n => n == profile.Items)
                    : pages.Count;
                Console.WriteLine(Invariant($"LIVE {before.Zip(after).Count(pair => pair.First != pair.Second)} {showing}"));
            }
        }

        return 0;
    }

    /// <summary>What a page must show to count as open: the element whose <c>data-updated</c> changes with each update,
    /// and <paramref name="Items"/> elements matching <paramref name="ItemSelector"/>.</summary>
    internal sealed record PageProfile(string UpdatedSelector, string? ItemSelector, int Items, bool AutoRefresh)
    {
        public static PageProfile For(string path, int watched)
        {
            var route = path.Split('?')[0].TrimEnd('/');
            return route switch
            {
                // The call log updates by itself only with auto-refresh on (the shared feed of exactly this page).
                "/calls" => new("#calls-updated", "#call-log tr.osvi-call-row", CallLogView.FromUri(path).PerPage, AutoRefresh: true),
                "/monitor" => new("#wall-updated", ".osvi-tile[data-campaign-id]", Math.Min(watched, new Dashboard.Services.Campaigns.CampaignOptions().WallboardTilesPerPage), AutoRefresh: false),
                _ => new("#last-updated", null, 0, AutoRefresh: false),
            };
        }

        public string Describe() => ItemSelector is null ? "data" : Invariant($"{Items} × {ItemSelector}");

        public IEnumerable<string> ToArguments() =>
            [UpdatedSelector, ItemSelector ?? "-", Items.ToString(CultureInfo.InvariantCulture), AutoRefresh ? "yes" : "no"];
    }

    /// <summary>The child process holding the browser pages.</summary>
    internal sealed class BrowserProcess : IDisposable
    {
        private readonly Process _process;

        private BrowserProcess(Process process) => _process = process;

        public static BrowserProcess Start(string url, int count, PageProfile profile)
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

            foreach (var arg in new[] { "circuit-browsers", url, count.ToString(CultureInfo.InvariantCulture) }.Concat(profile.ToArguments()))
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

        /// <summary>Pages whose visible "updated at" changed within 25 s, and pages still showing their items.</summary>
        public async Task<(int Live, int Showing)> CountUpdatingAsync()
        {
            await _process.StandardInput.WriteLineAsync("live");
            await _process.StandardInput.FlushAsync();
            var counts = (await WaitForAsync("LIVE "))[5..].Split(' ');
            return (int.Parse(counts[0], CultureInfo.InvariantCulture), int.Parse(counts[1], CultureInfo.InvariantCulture));
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

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
    });

    /// <summary>Signs in through the real form as the demo viewer and lands on <paramref name="url"/>.</summary>
    private static async Task SignInAsViewerAsync(IPage page, string url)
    {
        var account = DemoAccounts.For(DashboardRoles.Viewer);
        var root = new Uri(url).GetLeftPart(UriPartial.Authority);
        await page.GotoAsync(root + DashboardAuthentication.SignInPath + "?" + DashboardAuthentication.ReturnUrlParameter + "=" + Uri.EscapeDataString(new Uri(url).PathAndQuery));
        await page.Locator("#sign-in-user").FillAsync(account.UserName);
        await page.Locator("#sign-in-password").FillAsync(account.Password);
        await page.Locator("#sign-in-submit").ClickAsync();
        await page.WaitForURLAsync(address => !address.Contains(DashboardAuthentication.SignInPath, StringComparison.Ordinal), new() { Timeout = 120_000 });
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

        public PageProfile Profile { get; private set; } = PageProfile.For("/", 0);

        public long UpstreamTotal => Requests.Total;

        public string PageUrl => _baseUrl + _path;

        public static async Task<Rig> StartAsync(string path, double clockSpeed = 1, int watched = 5)
        {
            var rig = new Rig { _path = path, Profile = PageProfile.For(path, watched) };
            rig.Factory
                .WithSetting(DashboardConfigNames.LiveInterval, "00:00:10")
                .WithSetting(DashboardConfigNames.LiveTick, "00:00:01")
                .WithSetting("Simulator:ClockSpeed", clockSpeed.ToString(CultureInfo.InvariantCulture))
                .WithSetting("Serilog:MinimumLevel:Default", "Warning");
            rig._baseUrl = rig.Factory.StartAndGetBaseUrl();
            if (path.StartsWith("/monitor", StringComparison.Ordinal))
            {
                // The demo simulator's campaigns 7, 8, … as an admin would have added them on the Campaigns page.
                var database = rig.Factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
                await using var db = await database.CreateDbContextAsync();
                db.WatchedCampaigns.AddRange(Enumerable.Range(7, watched).Select(id => new WatchedCampaign { CampaignId = id, AddedBy = "benchmark", AddedAt = DateTimeOffset.UtcNow }));
                await db.SaveChangesAsync();
            }

            return rig;
        }

        /// <summary>Opens <paramref name="count"/> pages in a child process (<c>circuit-browsers</c>), so the Playwright
        /// client's own objects are not counted as the server's memory, and waits until each is interactive and shows data.</summary>
        public async Task<BrowserProcess> OpenAsync(int count)
        {
            var browsers = BrowserProcess.Start(_baseUrl + _path, count, Profile);
            _browsers.Add(browsers);
            await browsers.WaitForAsync("READY");
            return browsers;
        }

        private RequestLog Requests => Factory.Services.GetRequiredService<EmbeddedSimulator>().Services.GetRequiredService<RequestLog>();

        /// <summary>Upstream requests per minute over <paramref name="window"/> (counted at the simulator), printed per route.</summary>
        public async Task<double> UpstreamPerMinuteAsync(TimeSpan window)
        {
            var before = Requests.Counts.ToDictionary(count => (count.Method, count.Route), count => count.Count);
            var total = UpstreamTotal;
            await Task.Delay(window);
            var routes = Requests.Counts
                .Select(count => (count.Method, count.Route, PerMinute: (count.Count - before.GetValueOrDefault((count.Method, count.Route))) / window.TotalMinutes))
                .Where(count => count.PerMinute > 0)
                .Select(count => Invariant($"{count.Method} {count.Route} {count.PerMinute:F0}"));
            Console.WriteLine("  upstream per minute by route: " + string.Join(", ", routes));
            return (UpstreamTotal - total) / window.TotalMinutes;
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
