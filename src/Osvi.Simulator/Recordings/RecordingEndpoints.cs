using Osvi.Simulator.Endpoints;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Recordings;

/// <summary>
/// <c>GET /recordings/{call_id}.wav?expires=…&amp;signature=…</c>: the presigned recording (D8). No API token; 403 after
/// expiry or with a bad signature; 404 <c>Recording not available</c> for calls without one; <c>Range</c> honoured.
/// </summary>
internal static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/recordings/{file}", [HttpMethods.Get, HttpMethods.Head], Serve);

    private static IResult Serve(string file, HttpContext context, SimulatorWorld world, RecordingSigner signer)
    {
        var callId = file.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) ? file[..^4] : "";
        if (!Guid.TryParseExact(callId, "D", out var id))
        {
            return ApiErrors.NotFound(CallsEndpoints.RecordingNotAvailable);
        }

        if (signer.Validate(callId, context.Request.Query["expires"], context.Request.Query["signature"]) is { } problem)
        {
            return ApiErrors.Forbidden(problem);
        }

        if (world.GetRecordingSource(id) is not { } source)
        {
            return ApiErrors.NotFound(CallsEndpoints.RecordingNotAvailable);
        }

        // A seekable stream computed on demand: the framework answers Range with 206/Content-Range and 416.
        return TypedResults.Stream(new WavStream(source), "audio/wav", enableRangeProcessing: true);
    }
}
