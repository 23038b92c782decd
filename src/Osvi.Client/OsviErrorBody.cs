using System.Text.Json;

namespace Osvi.Client;

/// <summary>Reads OSVI's message and field errors out of any error body D1 allows: <c>{"error","details"}</c>,
/// <c>{"errors":[…]}</c>, <c>{"message"}</c>, and tolerates HTML, plain text, empty and malformed bodies.</summary>
internal static class OsviErrorBody
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 32, AllowTrailingCommas = true };

    public static (string? Message, IReadOnlyList<OsviFieldError> FieldErrors) Parse(string? content)
    {
        var start = content is null ? default : content.AsSpan().TrimStart();
        if (start.IsEmpty || (start[0] != '{' && start[0] != '['))
        {
            // Empty, HTML or plain text (a proxy's 502 page): nothing of OSVI's to show.
            return (null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(content!, s_options);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, []);
        }
    }

    private static (string? Message, IReadOnlyList<OsviFieldError> FieldErrors) Read(JsonElement root)
    {
        List<OsviFieldError> fields = [];
        if (root.ValueKind == JsonValueKind.Array)
        {
            AddAll(root, fields);
            return (fields.FirstOrDefault()?.Message, fields);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, []);
        }

        var error = root.TryGetProperty("error", out var e) ? MessageOf(e) : null;
        if (root.TryGetProperty("details", out var details))
        {
            AddAll(details, fields);
        }

        var firstOfErrors = fields.Count;
        if (root.TryGetProperty("errors", out var errors))
        {
            AddAll(errors, fields);
        }

        var errorsMessage = fields.Count > firstOfErrors ? fields[firstOfErrors].Message : null;
        var message = root.TryGetProperty("message", out var m) ? MessageOf(m) : null;
        return (error ?? errorsMessage ?? message ?? fields.FirstOrDefault()?.Message, fields);
    }

    /// <summary><c>"text"</c>, or <c>{"message": "text"}</c> when a service nests it.</summary>
    private static string? MessageOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Object when element.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
        _ => null,
    };

    /// <summary>An array of <c>{"field","message"}</c> objects or strings, or a Rails-style map of field → messages.</summary>
    private static void AddAll(JsonElement element, List<OsviFieldError> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (ItemOf(item) is { } field)
                    {
                        fields.Add(field);
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var values = property.Value.ValueKind == JsonValueKind.Array ? [.. property.Value.EnumerateArray()] : new[] { property.Value };
                    foreach (var value in values)
                    {
                        if (MessageOf(value) is { Length: > 0 } text)
                        {
                            fields.Add(new OsviFieldError(property.Name, text));
                        }
                    }
                }

                break;
            case JsonValueKind.String when element.GetString() is { Length: > 0 } text:
                fields.Add(new OsviFieldError("", text));
                break;
        }
    }

    private static OsviFieldError? ItemOf(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return item.GetString() is { Length: > 0 } text ? new OsviFieldError("", text) : null;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var field = item.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var message = item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return message is null && field is null ? null : new OsviFieldError(field ?? "", message ?? "");
    }
}
