using Microsoft.Extensions.Http;

namespace Osvi.Dashboard.Testing;

/// <summary>Makes every HttpClient of the dashboard (the OSVI client and any other, e.g. a recordings proxy) send
/// requests for the OSVI host to the simulator's in-memory TestServer; other hosts keep their own handler. It runs
/// after all other configuration, so it wins over a primary handler set by the client itself.</summary>
internal sealed class SimulatorRoutingFilter(Uri osviBaseUrl, Func<HttpMessageHandler> simulatorHandler, UpstreamRecorder recorder) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.PrimaryHandler = new RoutingHandler(osviBaseUrl, simulatorHandler(), builder.PrimaryHandler, recorder);
    };

    private sealed class RoutingHandler(Uri osviBaseUrl, HttpMessageHandler simulator, HttpMessageHandler original, UpstreamRecorder recorder) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _simulator = new(simulator, disposeHandler: true);
        private readonly HttpMessageInvoker _original = new(original, disposeHandler: true);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (!string.Equals(uri.Authority, osviBaseUrl.Authority, StringComparison.OrdinalIgnoreCase))
            {
                return await _original.SendAsync(request, cancellationToken);
            }

            var hadToken = request.Headers.Contains("API-Token");
            try
            {
                var response = await _simulator.SendAsync(request, cancellationToken);
                recorder.Add(new UpstreamRequest(request.Method.Method, uri.PathAndQuery, (int)response.StatusCode, hadToken));
                return response;
            }
            catch
            {
                recorder.Add(new UpstreamRequest(request.Method.Method, uri.PathAndQuery, null, hadToken));
                throw;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _simulator.Dispose();
                _original.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
