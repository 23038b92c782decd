using Microsoft.Extensions.Logging.Testing;
using Refit;

namespace Osvi.Client.Tests.Infrastructure;

/// <summary>Everything a failed call leaves behind as text, for tests that prove a secret (the API token, a presigned
/// URL) is in none of it.</summary>
public static class SecretScan
{
    /// <summary>One captured log line as text: level, category, message, each structured value and the exception.</summary>
    public static string LogLine(FakeLogRecord record) =>
        string.Join(" | ", new[] { record.Level.ToString(), record.Category, record.Message, record.Exception?.ToString() }
            .Concat(record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? []));

    /// <summary>The exception's message and full text, the mapped error and its field errors, and for Refit exceptions the
    /// request (asserted to carry no <c>API-Token</c> header any more), its body and the answer's body.</summary>
    public static List<string> TextsOf(Exception exception, OsviError error)
    {
        List<string> texts = [exception.Message, exception.ToString(), error.ToString(), .. error.FieldErrors.Select(f => f.ToString())];
        if (exception is ApiExceptionBase refit)
        {
            Assert.False(refit.RequestMessage.Headers.Contains("API-Token"));
            texts.Add(refit.RequestMessage.ToString());
            texts.Add(refit.RequestContent ?? "");
        }

        if (exception is ApiException api)
        {
            texts.Add(api.Content ?? "");
        }

        return texts;
    }
}
