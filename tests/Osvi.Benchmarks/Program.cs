namespace Osvi.Benchmarks;

internal static class Program
{
    private static readonly Dictionary<string, (string Description, Func<string[], Task<int>> Run)> s_benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["simulator-calls"] = (SimulatorCallsBenchmark.Description, SimulatorCallsBenchmark.RunAsync),
        ["campaign-viewers"] = (CampaignViewersBenchmark.Description, CampaignViewersBenchmark.RunAsync),
        ["contact-csv"] = (ContactCsvBenchmark.Description, ContactCsvBenchmark.RunAsync),
        ["recording-stream"] = (RecordingStreamBenchmark.Description, RecordingStreamBenchmark.RunAsync),
        ["calls-export"] = (CallsExportBenchmark.Description, CallsExportBenchmark.RunAsync),
        ["calls-page"] = (CallsPageBenchmark.Description, CallsPageBenchmark.RunAsync),
        ["circuit-memory"] = (CircuitBenchmark.MemoryDescription, CircuitBenchmark.RunMemoryAsync),
        ["circuit-soak"] = (CircuitBenchmark.SoakDescription, CircuitBenchmark.RunSoakAsync),
        ["call-log-traffic"] = (CircuitBenchmark.TrafficDescription, CircuitBenchmark.RunTrafficAsync),
        ["circuit-browsers"] = ("(used by circuit-memory and circuit-soak) holds N chromium pages open: circuit-browsers URL N", CircuitBenchmark.RunBrowsersAsync),
    };

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !s_benchmarks.TryGetValue(args[0], out var benchmark))
        {
            Console.WriteLine("usage: dotnet run -c Release --project tests/Osvi.Benchmarks -- <benchmark> [options]");
            Console.WriteLine();
            foreach (var (name, entry) in s_benchmarks.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {name,-28} {entry.Description}");
            }

            return args.Length == 0 ? 0 : 2;
        }

        return await benchmark.Run(args[1..]);
    }
}
