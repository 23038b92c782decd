using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Client.Contracts;

namespace Osvi.Benchmarks;

/// <summary>
/// <c>calls-export</c>: the CSV export of 20,000 calls (<c>/exports/calls.csv</c>, every page of OSVI's list turned into
/// CSV rows and streamed) versus fetching the same 100-call pages straight from the simulator one after another — with
/// the bare OSVI client (pages read into the wire records: the goal's baseline, ≤ 1.1×) and, for reference, as plain
/// GETs whose bodies are not parsed — runs interleaved; and the process's peak memory growth during the export (goal
/// ≤ 30 MB of working set). Options: <c>--runs 7</c>, <c>--warmup 5</c>, <c>--calls 20000</c> (the simulator's seeded
/// history).
/// </summary>
internal static class CallsExportBenchmark
{
    public const string Description = "CSV export of 20,000 calls vs fetching the same pages directly; time ratio and peak memory (--runs 3)";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = DashboardBench.Option(args, "--runs", 7);
        var warmup = DashboardBench.Option(args, "--warmup", 5);
        var calls = DashboardBench.Option(args, "--calls", 20_000);
        await using var bench = await DashboardBench.StartAsync($"--Simulator:PrimaryCallCount={calls}");
        // Calls dialled before now: a set that cannot grow while it is read.
        var end = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var filter = "end_date=" + Uri.EscapeDataString(end);
        var (total, pages) = await TotalAsync(bench, filter);
        await using var direct = DashboardBench.OsviClient(bench.Simulator.BaseUrl, bench.Simulator.ApiToken);
        var api = direct.GetRequiredService<IOsviApi>();
        Console.WriteLine($"calls-export: {total:N0} calls in {pages} pages of 100; {warmup} warm-up rounds, then {runs} runs each way, interleaved");

        // Warm-up rounds until the JIT has settled on its optimised code (the first rounds run several times slower).
        for (var round = 0; round < warmup; round++)
        {
            await PlainAsync(bench, filter, pages);
            await ClientAsync(api, end, pages);
            await ExportAsync(bench, filter, total);
        }

        List<double> plain = [], client = [], export = [];
        long worstWorkingSet = 0, worstHeap = 0, bytes = 0;
        for (var run = 0; run < runs; run++)
        {
            plain.Add(await PlainAsync(bench, filter, pages));
            client.Add(await ClientAsync(api, end, pages));
            var memory = MemoryWatch.Start();
            (var seconds, bytes) = await ExportAsync(bench, filter, total);
            memory.Dispose();
            export.Add(seconds);
            worstWorkingSet = Math.Max(worstWorkingSet, memory.WorkingSetGrowth);
            worstHeap = Math.Max(worstHeap, memory.HeapGrowth);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run + 1}: pages with the OSVI client {client[^1]:F2} s, plain GETs {plain[^1]:F2} s, export {export[^1]:F2} s ({DashboardBench.Mb(bytes)} of CSV); working set +{DashboardBench.Mb(memory.WorkingSetGrowth)}, heap peak +{DashboardBench.Mb(memory.HeapGrowth)}"));
        }

        // Each run's export against the client run just before it (same load on a shared machine), then the median.
        var ratio = DashboardBench.Median(export.Zip(client, (e, c) => e / c));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time: export {DashboardBench.Median(export):F2} s median; the same pages with the OSVI client {DashboardBench.Median(client):F2} s; median of the runs' ratios {ratio:F2}× (goal ≤ 1.1×); as plain GETs, not parsed, {DashboardBench.Median(plain):F2} s → {DashboardBench.Median(export.Zip(plain, (e, p) => e / p)):F2}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time (best run of each): export {export.Min():F2} s, OSVI client {client.Min():F2} s → {export.Min() / client.Min():F2}×"));
        Console.WriteLine($"peak memory growth during the export (worst run): working set +{DashboardBench.Mb(worstWorkingSet)}, managed heap +{DashboardBench.Mb(worstHeap)} (goal ≤ 30 MB)");
        var pass = ratio <= 1.1 && worstWorkingSet <= 30 * 1024 * 1024;
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    private static async Task<(int Total, int Pages)> TotalAsync(DashboardBench bench, string filter)
    {
        using var json = JsonDocument.Parse(await bench.Osvi.GetStringAsync($"v1/calls?per_page=100&{filter}"));
        var meta = json.RootElement.GetProperty("meta");
        return (meta.GetProperty("total_count").GetInt32(), meta.GetProperty("total_pages").GetInt32());
    }

    // The baseline: every page of the same list with the bare OSVI client, one after another.
    private static async Task<double> ClientAsync(IOsviApi api, string end, int pages)
    {
        var (_, elapsed) = await Timed.RunAsync(async () =>
        {
            var calls = 0;
            for (var page = 1; page <= pages; page++)
            {
                calls += (await api.ListCallsAsync(new CallListQuery { Page = page, PerPage = 100, EndDate = end })).Data.Count;
            }

            return calls;
        });
        return elapsed.TotalSeconds;
    }

    // For reference: the same pages as plain GETs, bodies read and not parsed.
    private static async Task<double> PlainAsync(DashboardBench bench, string filter, int pages)
    {
        var (_, elapsed) = await Timed.RunAsync(async () =>
        {
            long read = 0;
            for (var page = 1; page <= pages; page++)
            {
                using var response = await bench.Osvi.GetAsync($"v1/calls?per_page=100&page={page}&{filter}", HttpCompletionOption.ResponseHeadersRead);
                read += await DashboardBench.DrainAsync(response);
            }

            return read;
        });
        return elapsed.TotalSeconds;
    }

    private static async Task<(double Seconds, long Bytes)> ExportAsync(DashboardBench bench, string filter, int total)
    {
        var ((bytes, rows), elapsed) = await Timed.RunAsync(async () =>
        {
            using var response = await bench.Dashboard.GetAsync($"exports/calls.csv?{filter}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            long read = 0, lines = 0;
            int count;
            while ((count = await body.ReadAsync(buffer)) > 0)
            {
                read += count;
                lines += buffer.AsSpan(0, count).Count((byte)'\n');
            }

            return (read, lines);
        });
        // Header + one line per call (no field of a seeded call holds a line break).
        if (rows != total + 1)
        {
            throw new InvalidOperationException($"the export held {rows - 1:N0} rows, OSVI lists {total:N0}");
        }

        return (elapsed.TotalSeconds, bytes);
    }
}
