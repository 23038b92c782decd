using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Osvi.Client.Tests.Infrastructure;

/// <summary>One request as it reached the wire (after every handler of the pipeline).</summary>
public sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string[]> Headers,
    string? Body,
    string? ContentType)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string[] HeaderValues(string name) => Headers.TryGetValue(name, out var values) ? values : [];
}

/// <summary>A hand-written primary handler: records every request and answers from a queue of canned responses
/// (the last one repeats). A response can also be an exception or a delay that honours cancellation.</summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responses = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _last;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest SingleRequest => Assert.Single(Requests);

    public StubHttpHandler Respond(HttpStatusCode status, string? body = null, string contentType = "application/json",
        Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue((request, _) =>
        {
            var response = new HttpResponseMessage(status) { RequestMessage = request };
            if (body is not null)
            {
                response.Content = new StringContent(body, Encoding.UTF8, contentType);
            }

            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public StubHttpHandler RespondJson(HttpStatusCode status, string json) => Respond(status, json);

    public StubHttpHandler RespondWithFixture(HttpStatusCode status, string fixture) => Respond(status, Fixtures.Read(fixture));

    public StubHttpHandler Throw(Exception exception)
    {
        _responses.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers by itself: waits until the pipeline (timeout) or the caller cancels.</summary>
    public StubHttpHandler Hang()
    {
        _responses.Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        string? body = null;
        string? contentType = null;
        if (request.Content is not null)
        {
            body = await request.Content.ReadAsStringAsync(cancellationToken);
            contentType = request.Content.Headers.ContentType?.MediaType;
        }

        _requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body, contentType));

        if (_responses.TryDequeue(out var next))
        {
            _last = next;
        }

        var responder = _last ?? throw new InvalidOperationException("No canned response was set up.");
        return await responder(request, cancellationToken);
    }
}
