using Osvi.Simulator.Auth;
using Osvi.Simulator.Wire;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Endpoints;

/// <summary><c>GET /v1/active_agents</c> (§3.1): a bare array, newest update first.</summary>
internal static class AgentsEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/active_agents", (HttpContext context, SimulatorWorld world) =>
            TypedResults.Json(world.ActiveAgents(context.GetAccount()), SimulatorJson.Context.ListActiveAgentDto));
}
