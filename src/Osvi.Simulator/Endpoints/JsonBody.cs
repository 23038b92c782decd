using System.Buffers;
using System.Text.Json;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.Endpoints;

/// <summary>
/// Reads and checks JSON request bodies by hand, so that malformed JSON, wrong types and oversized bodies get the
/// contract's 400 (and a missing parameter Rails' ParameterMissing message) instead of a framework error page.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;
    private readonly List<FieldError> _errors = [];

    private JsonBody(JsonDocument document) => _document = document;

    /// <summary>The root object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>The first required parameter that was missing or empty, in the order they were asked for.</summary>
    public string? MissingParam { get; private set; }

    /// <summary>Type and range problems found so far.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>Reads the body; on failure returns the error message for a 400.</summary>
    public static async Task<(JsonBody? Body, string? Error)> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, $"Request body is too large (limit {maxBytes} bytes)");
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length : 1024);
        var stream = request.Body;
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await stream.ReadAsync(memory, request.HttpContext.RequestAborted);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, $"Request body is too large (limit {maxBytes} bytes)");
            }
        }

        if (buffer.WrittenCount == 0 || buffer.WrittenSpan.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (new JsonBody(JsonDocument.Parse("{}")), null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return (null, "Malformed JSON in request body");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, "Request body must be a JSON object");
        }

        return (new JsonBody(document), null);
    }

    /// <summary>A string field; a required one that is absent, null or blank is recorded in <see cref="MissingParam"/>.</summary>
    public string? String(string name, bool required = false) => String(Root, name, name, required);

    /// <summary>A string field of a nested object.</summary>
    public string? String(JsonElement parent, string name, string path, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
        {
            if (required)
            {
                MissingParam ??= path;
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(new FieldError(path, $"{path} must be a string"));
            return null;
        }

        return value.GetString();
    }

    /// <summary>An optional boolean field.</summary>
    public bool? Bool(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        _errors.Add(new FieldError(path, $"{path} must be a boolean"));
        return null;
    }

    /// <summary>An optional integer field within [min, max].</summary>
    public int? Int(JsonElement parent, string name, string path, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            _errors.Add(new FieldError(path, $"{path} must be an integer"));
            return null;
        }

        if (number < min || number > max)
        {
            _errors.Add(new FieldError(path, $"{path} must be between {min} and {max}"));
            return null;
        }

        return number;
    }

    /// <summary>An optional field that must be a JSON object when present.</summary>
    public JsonElement? Object(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new FieldError(path, $"{path} must be a JSON object"));
            return null;
        }

        return value;
    }

    /// <summary>A field that must be a JSON array; a required one that is absent is recorded as missing.</summary>
    public JsonElement? Array(string name, bool required = false)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                MissingParam ??= name;
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(new FieldError(name, $"{name} must be an array"));
            return null;
        }

        return value;
    }

    /// <summary>Records a problem found by the caller.</summary>
    public void AddError(string field, string message) => _errors.Add(new FieldError(field, message));

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();
}
