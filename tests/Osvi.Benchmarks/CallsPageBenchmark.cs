using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Benchmarks;

/// <summary>
/// <c>calls-page</c> (issue 9, page data overhead): the time the call log needs to get a page of 100 calls through the
/// dashboard's service layer (<see cref="ICallsService.ListCallsAsync"/>: gateway, error taxonomy, view models, the
/// dashboard's HTTP pipeline) versus calling the simulator directly — with the bare OSVI client (<see cref="IOsviApi"/>,
/// the same JSON read into the wire records; the goal's baseline, ≤ 1.1×) and, for reference, a plain GET whose body is
/// read and not parsed. Pages 1–20 in turn, one request at a time, the three ways interleaved.
/// Options: <c>--requests 600</c> per way, <c>--warmup 100</c>.
/// </summary>
internal static class CallsPageBenchmark
{
    public const string Description = "a page of 100 calls through the dashboard's service layer vs the OSVI client and a plain GET (--requests 600)";

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = DashboardBench.Option(args, "--requests", 600);
        var warmup = DashboardBench.Option(args, "--warmup", 100);
        await using var bench = await DashboardBench.StartAsync();
        await using var direct = DashboardBench.OsviClient(bench.Simulator.BaseUrl, bench.Simulator.ApiToken);
        var api = direct.GetRequiredService<IOsviApi>();
        var filter = new CallFilter();

        async Task<double> ServiceAsync(int page)
        {
            await using var scope = bench.CreateOperatorScope();
            var calls = scope.ServiceProvider.GetRequiredService<ICallsService>();
            var (result, elapsed) = await Timed.RunAsync(() => calls.ListCallsAsync(filter, page, 100, CancellationToken.None));
            return result.Succeeded && result.Value.Items.Count == 100 ? elapsed.TotalMilliseconds : throw new InvalidOperationException($"service: {result.Error?.Message}");
        }

        async Task<double> ClientAsync(int page)
        {
            var (result, elapsed) = await Timed.RunAsync(() => api.ListCallsAsync(new CallListQuery { Page = page, PerPage = 100 }));
            return result.Data.Count == 100 ? elapsed.TotalMilliseconds : throw new InvalidOperationException("client: short page");
        }

        async Task<double> PlainAsync(int page)
        {
            var (read, elapsed) = await Timed.RunAsync(async () =>
            {
                using var response = await bench.Osvi.GetAsync($"v1/calls?page={page}&per_page=100", HttpCompletionOption.ResponseHeadersRead);
                return await DashboardBench.DrainAsync(response);
            });
            return read > 0 ? elapsed.TotalMilliseconds : throw new InvalidOperationException("plain: empty");
        }

        for (var i = 0; i < warmup; i++)
        {
            var page = (i % 20) + 1;
            await ServiceAsync(page);
            await ClientAsync(page);
            await PlainAsync(page);
        }

        List<double> service = [], client = [], plain = [];
        for (var i = 0; i < requests; i++)
        {
            var page = (i % 20) + 1;
            // Rotate which goes first, so none always meets a warmer (or colder) simulator.
            switch (i % 3)
            {
                case 0: service.Add(await ServiceAsync(page)); client.Add(await ClientAsync(page)); plain.Add(await PlainAsync(page)); break;
                case 1: client.Add(await ClientAsync(page)); plain.Add(await PlainAsync(page)); service.Add(await ServiceAsync(page)); break;
                default: plain.Add(await PlainAsync(page)); service.Add(await ServiceAsync(page)); client.Add(await ClientAsync(page)); break;
            }
        }

        var (s, c, p) = (DashboardBench.Median(service), DashboardBench.Median(client), DashboardBench.Median(plain));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calls-page: {requests} pages of 100 each way (median): service layer {s:F2} ms, OSVI client {c:F2} ms, plain GET (body not parsed) {p:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service layer vs OSVI client {s / c:F2}× (goal ≤ 1.1×); vs plain GET {s / p:F2}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p90: service {Percentile(service, 0.9):F2} ms, client {Percentile(client, 0.9):F2} ms, plain {Percentile(plain, 0.9):F2} ms"));
        var pass = s / c <= 1.1;
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];
    }
}
