using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Everything a browser context received and sent, as text: every HTTP response (status line, headers, body),
/// every WebSocket frame in both directions (the Blazor circuit's render batches and events), every console message and
/// page error. Pair it with the server's captured logs to prove a secret (the OSVI token, a presigned recording URL)
/// appears nowhere a browser or a log could see it.</summary>
public sealed class TrafficCapture
{
    private readonly ConcurrentQueue<(string Where, string Text)> _items = new();
    private readonly ConcurrentBag<Task> _pending = [];
    private readonly ConcurrentQueue<string> _unfinished = new();

    /// <summary>How long a response body may take to arrive: a media stream the browser stopped reading part-way never
    /// finishes, and Playwright would wait for it for ever.</summary>
    private static readonly TimeSpan s_bodyPatience = TimeSpan.FromSeconds(30);

    private TrafficCapture()
    {
    }

    /// <summary>Starts capturing everything <paramref name="context"/> does from now on (all its pages).</summary>
    public static TrafficCapture Attach(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var capture = new TrafficCapture();
        foreach (var page in context.Pages)
        {
            capture.Watch(page);
        }

        context.Page += (_, page) => capture.Watch(page);
        return capture;
    }

    /// <summary>Number of HTTP responses captured.</summary>
    public int Responses => _items.Count(item => item.Where.StartsWith("response ", StringComparison.Ordinal));

    /// <summary>Number of WebSocket frames captured.</summary>
    public int Frames => _items.Count(item => item.Where.StartsWith("ws ", StringComparison.Ordinal));

    /// <summary>Responses whose body never finished arriving (their headers are captured; the test decides whether
    /// such a response may be left unread, e.g. a recording's audio bytes).</summary>
    public IReadOnlyList<string> Unfinished => [.. _unfinished];

    /// <summary>Waits for the response bodies still being read.</summary>
    public async Task CompleteAsync()
    {
        while (_pending.Any(task => !task.IsCompleted))
        {
            await Task.WhenAll(_pending.ToArray());
        }
    }

    /// <summary>Where each of <paramref name="secrets"/> appears ("response GET /x body", "ws received", "console"…).</summary>
    public async Task<IReadOnlyList<string>> FindAsync(params string[] secrets)
    {
        await CompleteAsync();
        return [.. _items
            .SelectMany(item => secrets.Where(secret => secret.Length > 0 && Contains(item.Text, secret)).Select(secret => $"{item.Where}: '{secret}'"))];
    }

    /// <summary>True when some captured text contains <paramref name="text"/> (a positive control: the capture works).</summary>
    public async Task<bool> SawAsync(string text, string? wherePrefix = null)
    {
        await CompleteAsync();
        return _items.Any(item => (wherePrefix is null || item.Where.StartsWith(wherePrefix, StringComparison.Ordinal)) && item.Text.Contains(text, StringComparison.Ordinal));
    }

    // Also finds a secret written URL-encoded.
    private static bool Contains(string text, string secret) =>
        text.Contains(secret, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal);

    private void Watch(IPage page)
    {
        page.Response += (_, response) => _pending.Add(RecordAsync(response));
        page.Console += (_, message) => _items.Enqueue(("console " + message.Type, message.Text));
        page.PageError += (_, error) => _items.Enqueue(("page error", error));
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => _items.Enqueue(("ws received " + socket.Url, FrameText(frame)));
            socket.FrameSent += (_, frame) => _items.Enqueue(("ws sent " + socket.Url, FrameText(frame)));
        };
    }

    private async Task RecordAsync(IResponse response)
    {
        var where = $"response {response.Request.Method} {response.Url}";
        var headers = string.Join("\n", (await response.AllHeadersAsync()).Select(header => $"{header.Key}: {header.Value}"));
        _items.Enqueue((where + " headers", $"{response.Status} {response.StatusText}\n{headers}"));
        try
        {
            var body = await response.BodyAsync().WaitAsync(s_bodyPatience);
            _items.Enqueue((where + " body", Encoding.UTF8.GetString(body)));
        }
        catch (PlaywrightException)
        {
            // Redirects and aborted requests have no body.
        }
        catch (TimeoutException)
        {
            _unfinished.Enqueue(where);
        }
    }

    // Blazor's circuit speaks MessagePack: strings in render batches are plain UTF-8 inside the binary frames.
    private static string FrameText(IWebSocketFrame frame) => frame.Text ?? (frame.Binary is { } binary ? Encoding.UTF8.GetString(binary) : "");
}
