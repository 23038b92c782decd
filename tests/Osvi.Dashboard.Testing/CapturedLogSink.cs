using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Osvi.Dashboard.Testing;

/// <summary>A Serilog sink that keeps every event the host writes (registered in DI, picked up by the dashboard's
/// <c>ReadFrom.Services</c>). <see cref="Text"/> renders each event completely — message, every property, and the
/// exception with its stack — so "the token never appears" checks everything a real sink could write.</summary>
public sealed class CapturedLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    /// <summary>Every event so far.</summary>
    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Every event rendered as text (one block per event) and as compact JSON.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            var json = new CompactJsonFormatter();
            foreach (var logEvent in _events)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{logEvent.Level}] {logEvent.RenderMessage(CultureInfo.InvariantCulture)}").AppendLine();
                foreach (var (name, value) in logEvent.Properties)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {name} = {value}").AppendLine();
                }

                if (logEvent.Exception is not null)
                {
                    text.AppendLine(logEvent.Exception.ToString());
                }

                using var writer = new StringWriter(text, CultureInfo.InvariantCulture);
                json.Format(logEvent, writer);
            }

            return text.ToString();
        }
    }

    /// <summary>Rendered messages at or above <paramref name="level"/>.</summary>
    public IReadOnlyList<string> Messages(LogEventLevel level = LogEventLevel.Verbose) =>
        [.. _events.Where(e => e.Level >= level).Select(e => e.RenderMessage(CultureInfo.InvariantCulture))];

    /// <inheritdoc />
    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
