using System.Globalization;
using System.Text.Json;

namespace Osvi.Benchmarks;

/// <summary>
/// <c>recording-stream</c>: a ≈100 MB recording (a 6,300 s call made through the simulator's admin API) read whole
/// through the dashboard's <c>/recordings/{callId}</c> versus straight from the simulator's presigned URL, runs
/// alternating; throughput ratio (goal ≥ 0.9×) and the process's memory growth while the dashboard streams it (goal
/// ≤ 5 MB: the proxy copies as bytes arrive and never holds the file). Options: <c>--runs 5</c>, <c>--warmup 3</c>,
/// <c>--seconds 6300</c> (the recording's length).
/// </summary>
internal static class RecordingStreamBenchmark
{
    public const string Description = "≈100 MB recording through /recordings/{id} vs directly; throughput ratio and memory growth (--runs 5)";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = DashboardBench.Option(args, "--runs", 5);
        var seconds = DashboardBench.Option(args, "--seconds", 6_300);
        var warmup = DashboardBench.Option(args, "--warmup", 3);
        await using var bench = await DashboardBench.StartAsync();
        var (callId, bytes) = await bench.CreateRecordedCallAsync(seconds);
        Console.WriteLine($"recording-stream: call {callId}, {bytes:N0} bytes ({DashboardBench.Mb(bytes)}), {runs} runs each way, alternating");

        // Warm-up: both paths a few times (connections, the JIT's optimised code, the dashboard's presigned URL cache).
        for (var round = 0; round < warmup; round++)
        {
            await DirectAsync(bench, callId, bytes);
            await ThroughDashboardAsync(bench, callId, bytes);
        }

        List<double> direct = [], dashboard = [];
        long worstWorkingSet = 0, worstHeap = 0, worstRetained = 0, directWorkingSet = 0, directHeap = 0;
        for (var run = 0; run < runs; run++)
        {
            // The same measure around a direct read: what the simulator and the reading client cost on their own.
            var baseline = MemoryWatch.Start();
            direct.Add(await DirectAsync(bench, callId, bytes));
            baseline.Dispose();
            directWorkingSet = Math.Max(directWorkingSet, baseline.WorkingSetGrowth);
            directHeap = Math.Max(directHeap, baseline.HeapGrowth);
            var memory = MemoryWatch.Start();
            dashboard.Add(await ThroughDashboardAsync(bench, callId, bytes));
            memory.Dispose();
            worstWorkingSet = Math.Max(worstWorkingSet, memory.WorkingSetGrowth);
            worstHeap = Math.Max(worstHeap, memory.HeapGrowth);
            worstRetained = Math.Max(worstRetained, memory.RetainedHeap);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: direct {direct[^1]:F0} MB/s, dashboard {dashboard[^1]:F0} MB/s"));
        }

        // Each run through the dashboard against the direct run just before it (same load on a shared machine).
        var ratio = DashboardBench.Median(dashboard.Zip(direct, (d, s) => d / s));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput (median): direct {DashboardBench.Median(direct):F0} MB/s, through the dashboard {DashboardBench.Median(dashboard):F0} MB/s; median of the runs' ratios {ratio:F2}× (goal ≥ 0.9×)"));
        Console.WriteLine($"memory while streaming through the dashboard (worst run): working set +{DashboardBench.Mb(worstWorkingSet)}, managed heap peak +{DashboardBench.Mb(worstHeap)}, retained +{DashboardBench.Mb(worstRetained)} (goal ≤ 5 MB)");
        Console.WriteLine($"  for comparison, a direct read (simulator and client alone): working set +{DashboardBench.Mb(directWorkingSet)}, managed heap peak +{DashboardBench.Mb(directHeap)}");
        var pass = ratio >= 0.9 && worstWorkingSet <= 5 * 1024 * 1024;
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    // Straight from storage: OSVI's presigned URL (asked for each run, as any client would), read whole.
    private static async Task<double> DirectAsync(DashboardBench bench, string callId, long bytes)
    {
        var (read, elapsed) = await Timed.RunAsync(async () =>
        {
            using var lookup = await bench.Osvi.GetAsync($"v1/call/{callId}/recording");
            lookup.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync());
            var url = json.RootElement.GetProperty("data").GetProperty("recording_url").GetString()!;
            using var response = await bench.Osvi.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            return await DashboardBench.DrainAsync(response);
        });
        return Check(read, bytes) / elapsed.TotalSeconds / (1024 * 1024);
    }

    private static async Task<double> ThroughDashboardAsync(DashboardBench bench, string callId, long bytes)
    {
        var (read, elapsed) = await Timed.RunAsync(async () =>
        {
            using var response = await bench.Dashboard.GetAsync($"recordings/{callId}", HttpCompletionOption.ResponseHeadersRead);
            return await DashboardBench.DrainAsync(response);
        });
        return Check(read, bytes) / elapsed.TotalSeconds / (1024 * 1024);
    }

    private static long Check(long read, long expected) =>
        read == expected ? read : throw new InvalidOperationException($"read {read:N0} bytes, expected {expected:N0}");
}
