namespace Osvi.Dashboard.Hosting;

/// <summary><c>dotnet Osvi.Dashboard.dll --healthcheck [url]</c>: asks a running dashboard's <c>/healthz</c> and exits
/// 0 or 1. The container's HEALTHCHECK uses it, as the runtime image has no curl.</summary>
internal static class HealthProbeCommand
{
    public const string Switch = "--healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Switch;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri(url));
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.WriteLine($"{url}: {exception.Message}");
            return 1;
        }
    }

    // The address the app listens on: the first of ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS, else 8080.
    private static string DefaultUrl()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls is { Length: > 0 } && Uri.TryCreate(urls[0].Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"), UriKind.Absolute, out var listen))
        {
            return new Uri(listen, HealthSetup.LivenessPath).ToString();
        }

        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0].Trim();
        return $"http://127.0.0.1:{(string.IsNullOrEmpty(port) ? "8080" : port)}{HealthSetup.LivenessPath}";
    }
}
