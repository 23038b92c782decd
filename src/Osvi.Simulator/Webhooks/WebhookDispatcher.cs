using System.Collections.Concurrent;
using System.Threading.Channels;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.Webhooks;

/// <summary>A W1 delivery to make.</summary>
internal sealed record WebhookJob(string CallId, string Url, CallWebhookPayload Payload, DateTimeOffset EndedAt);

/// <summary>One delivery attempt, as recorded (the simulator's "Integration Logs").</summary>
/// <param name="CallId">The call that ended.</param>
/// <param name="Url">Where it was POSTed.</param>
/// <param name="CallStatus">The payload's <c>call_status</c>.</param>
/// <param name="StatusCode">The receiver's HTTP status; null when it could not be reached or timed out.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="Succeeded">A 2xx answer.</param>
/// <param name="AttemptedAt">Host time of the attempt (UTC).</param>
public sealed record WebhookAttempt(string CallId, string Url, string CallStatus, int? StatusCode, string? Error, bool Succeeded, DateTimeOffset AttemptedAt);

/// <summary>
/// Delivers W1 webhooks (D15): when a call that was started with a <c>webhook_url</c> reaches its final outcome, its
/// payload is POSTed once through the named <see cref="HttpClientName"/> client (tests replace its handler), with a
/// 5-second timeout and no retry. Every attempt is recorded.
/// </summary>
public sealed class WebhookDispatcher(IHttpClientFactory httpClients, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/> webhooks go through.</summary>
    public const string HttpClientName = "Osvi.Simulator.Webhooks";

    private readonly Channel<WebhookJob> _jobs = Channel.CreateUnbounded<WebhookJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<WebhookAttempt> _attempts = new();

    /// <summary>Every attempt so far, oldest first.</summary>
    public IReadOnlyList<WebhookAttempt> Attempts => [.. _attempts];

    /// <summary>Forgets the recorded attempts.</summary>
    public void ClearAttempts() => _attempts.Clear();

    internal void Enqueue(WebhookJob job) => _jobs.Writer.TryWrite(job);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
            {
                // One at a time keeps the order of deliveries the order in which calls ended.
                await DeliverAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(WebhookJob job, CancellationToken stoppingToken)
    {
        int? status = null;
        string? error = null;
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(job.Url, job.Payload, SimulatorJson.Context.CallWebhookPayload, stoppingToken);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            error = ex is TaskCanceledException ? "timed out" : ex.Message;
            logger.LogInformation("Webhook for call {CallId} failed: {Error}", job.CallId, error);
        }

        _attempts.Enqueue(new WebhookAttempt(job.CallId, job.Url, job.Payload.CallStatus, status, error, status is >= 200 and < 300, time.GetUtcNow()));
    }
}
