using System.Diagnostics;
using System.Globalization;
using System.Net;
using Osvi.Simulator;
using Osvi.Simulator.Hosting;

namespace Osvi.Benchmarks;

/// <summary>
/// <c>simulator-calls</c>: requests per second the simulator serves for <c>GET /v1/calls?per_page=100</c> with N
/// concurrent clients over loopback (goal: ≥ 3,000 req/s with 32 clients). The simulator runs embedded on a free port in
/// this process, so client and server share the machine's cores, as they would in a test run.
/// Options: <c>--clients 32</c>, <c>--seconds 10</c>, <c>--warmup 3</c>, <c>--per-page 100</c>, <c>--url http://…</c>
/// (measure a simulator running elsewhere instead).
/// </summary>
internal static class SimulatorCallsBenchmark
{
    public const string Description = "GET /v1/calls?per_page=100 on the simulator, N clients (--clients 32 --seconds 10)";

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Options.Int(args, "--clients", 32);
        var seconds = Options.Int(args, "--seconds", 10);
        var warmup = Options.Int(args, "--warmup", 3);
        var perPage = Options.Int(args, "--per-page", 100);
        var url = args.SkipWhile(a => a != "--url").Skip(1).FirstOrDefault();

        await using var embedded = url is null ? await EmbeddedSimulator.StartAsync(["--Logging:LogLevel:Default=Warning"]) : null;
        var baseUrl = url is null ? embedded!.BaseUrl : new Uri(url);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("API-Token", SimulatorDefaults.PrimaryToken);
        var path = $"v1/calls?per_page={perPage}";

        // Sanity: the page really holds perPage calls.
        var probe = await http.GetStringAsync(path);
        var items = probe.Split("\"call_id\"").Length - 1;
        Console.WriteLine($"simulator-calls: {baseUrl}{path} → {probe.Length:N0} bytes, {items} calls per page; {clients} clients, {warmup} s warm-up, {seconds} s measured");
        if (items != perPage)
        {
            Console.Error.WriteLine($"expected {perPage} calls per page, got {items}");
            return 1;
        }

        await RunPhaseAsync(http, path, clients, TimeSpan.FromSeconds(warmup));
        var (count, failures, latencies, elapsed) = await RunPhaseAsync(http, path, clients, TimeSpan.FromSeconds(seconds));
        latencies.Sort();
        var rate = count / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: {count:N0} ok, {failures} failed in {elapsed.TotalSeconds:F1} s → {rate:F0} req/s; latency p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms"));
        Console.WriteLine(rate >= 3_000 && failures == 0 ? "PASS (goal ≥ 3000 req/s)" : "FAIL (goal ≥ 3000 req/s, no failures)");
        return rate >= 3_000 && failures == 0 ? 0 : 1;
    }

    private static async Task<(long Count, long Failures, List<double> Latencies, TimeSpan Elapsed)> RunPhaseAsync(HttpClient http, string path, int clients, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            long ok = 0, failed = 0;
            var latencies = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ok++;
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    else
                    {
                        failed++;
                    }
                }
                catch (HttpRequestException)
                {
                    failed++;
                }
            }

            return (ok, failed, latencies);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var elapsed = watch.Elapsed;
        return (results.Sum(r => r.ok), results.Sum(r => r.failed), results.SelectMany(r => r.latencies).ToList(), elapsed);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];
}
