using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Simulator.Webhooks;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class WebhookTests
{
    /// <summary>Stands in for the customer's webhook receiver.</summary>
    private sealed class Receiver(HttpStatusCode answer = HttpStatusCode.OK) : HttpMessageHandler
    {
        public ConcurrentQueue<(HttpMethod Method, Uri Uri, string Body)> Received { get; } = new();

        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Enqueue((request.Method, request.RequestUri!, await request.Content!.ReadAsStringAsync(cancellationToken)));
            First.TrySetResult();
            return new HttpResponseMessage(answer);
        }
    }

    private static SimHost HostWith(Receiver receiver) =>
        new(services => services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => receiver));

    private static async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(SimHost host, int atLeast)
    {
        var dispatcher = host.Services.GetRequiredService<WebhookDispatcher>();
        for (var i = 0; i < 200 && dispatcher.Attempts.Count < atLeast; i++)
        {
            await Task.Delay(10, Http.Ct);
        }

        return dispatcher.Attempts;
    }

    [Fact]
    public async Task CallWithWebhookUrl_WhenItEnds_PostsTheW1PayloadOnce()
    {
        var receiver = new Receiver();
        await using var host = HostWith(receiver);
        var id = await StartCallTests.StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix), new { webhook_url = "https://hooks.example.com/osvi?x=1" });

        host.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(receiver.Received);
        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        await receiver.First.Task.WaitAsync(TimeSpan.FromSeconds(10), Http.Ct);
        host.Advance(TimeSpan.FromHours(2));
        var attempts = await AttemptsAsync(host, 1);

        var (method, uri, body) = Assert.Single(receiver.Received);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("https://hooks.example.com/osvi?x=1", uri.ToString());
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["agent_name", "agent_uuid", "phone_number", "call_log_id", "chat", "call_status", "executionMode"], payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, payload.Str("call_log_id"));
        Assert.Equal("picked", payload.Str("call_status"));
        Assert.Equal("prod", payload.Str("executionMode"));
        Assert.Equal(OutcomeRules.E164(OutcomeRules.PickedSuffix), payload.Str("phone_number"));
        Assert.StartsWith("Agent: ", payload.Str("chat"), StringComparison.Ordinal);
        Assert.Contains("\nUser: ", payload.Str("chat"), StringComparison.Ordinal);
        var attempt = Assert.Single(attempts);
        Assert.True(attempt.Succeeded);
        Assert.Equal(200, attempt.StatusCode);
    }

    [Fact]
    public async Task Webhook_ReceiverFails_IsRecordedAndNotRetried()
    {
        var receiver = new Receiver(HttpStatusCode.InternalServerError);
        await using var host = HostWith(receiver);
        await StartCallTests.StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.BusySuffix), new { webhook_url = "http://127.0.0.1:9/hook" });

        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        await receiver.First.Task.WaitAsync(TimeSpan.FromSeconds(10), Http.Ct);
        host.Advance(TimeSpan.FromHours(1));
        var attempts = await AttemptsAsync(host, 1);
        using var admin = host.Admin();
        var (_, logged) = await admin.GetJsonAsync("/_simulator/webhooks");

        Assert.Single(receiver.Received);
        var attempt = Assert.Single(attempts);
        Assert.False(attempt.Succeeded);
        Assert.Equal(500, attempt.StatusCode);
        Assert.Equal("busy", JsonDocument.Parse(receiver.Received.Single().Body).RootElement.Str("call_status"));
        Assert.Equal(500, logged[0].GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task CallWithoutWebhookUrl_PostsNothing()
    {
        var receiver = new Receiver();
        await using var host = HostWith(receiver);
        await StartCallTests.StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix));

        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        await Task.Delay(50, Http.Ct);

        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task WebhookClient_HasTheFiveSecondTimeout()
    {
        await using var host = new SimHost();

        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.HttpClientName);

        Assert.Equal(TimeSpan.FromSeconds(5), client.Timeout);
    }
}
