using System.Text.Json;
using System.Text.Json.Serialization;

namespace Osvi.Client.Serialization;

/// <summary>The JSON settings of the OSVI wire format: snake_case names, nulls omitted on write, lenient timestamps.</summary>
public static class OsviJson
{
    /// <summary>Shared, read-only serializer options for every OSVI payload.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new LenientDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
