using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Simulator;

namespace Osvi.Dashboard.Testing;

/// <summary>Says why an end-to-end path to OSVI is not available yet, so tests that need it skip with a reason instead
/// of failing while <c>Osvi.Client</c> (Refit's generated client) and <c>Osvi.Simulator</c> (every endpoint, auth, seed
/// data) are still being built on their branches. Only those two known gaps skip; anything else makes the test run
/// and fail normally. Delete the calls to this class once both have landed on main.</summary>
public static class UpstreamAvailability
{
    /// <summary>Null when the dashboard's OSVI client can be created; else why not.</summary>
    public static string? ClientGap(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            using var scope = services.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<IOsviApi>();
            return null;
        }
        catch (NotSupportedException exception) when (exception.Message.Contains("reflection request builder", StringComparison.Ordinal))
        {
            return "Awaits Osvi.Client: the skeleton's Refit client cannot be created (needs the generated client the client engineer is adding).";
        }
    }

    /// <summary>Null when the simulator answers <paramref name="pathAndQuery"/> with the demo token; else why not.</summary>
    public static async Task<string?> SimulatorGapAsync(HttpClient simulator, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("API-Token", SimulatorDefaults.PrimaryToken);
        using var response = await simulator.SendAsync(request);
        return response.StatusCode == HttpStatusCode.NotFound && pathAndQuery.StartsWith("/v1/", StringComparison.Ordinal)
            ? $"Awaits Osvi.Simulator: GET {pathAndQuery} is not implemented yet (404)."
            : null;
    }

    /// <summary>Null when the simulator rejects a wrong token with 401 (auth implemented); else why not.</summary>
    public static async Task<string?> SimulatorAuthGapAsync(HttpClient simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/active_agents");
        request.Headers.Add("API-Token", "wrong-token-0000");
        using var response = await simulator.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Unauthorized ? null : "Awaits Osvi.Simulator: API-Token authentication is not implemented yet.";
    }
}
