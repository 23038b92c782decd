using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Osvi.Client.Serialization;

/// <summary>The JSON settings of the OSVI wire format: snake_case names (dictionary keys kept as sent), nulls omitted on
/// write, only JSON-required escaping, numbers also read from strings, lenient timestamps (D16), the active-sessions map, and a <c>null</c> on the
/// wire never overwriting a non-nullable property's default (an empty list stays an empty list).</summary>
public static class OsviJson
{
    /// <summary>Shared, read-only serializer options for every OSVI payload (also used by the Refit client).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // JSON-safe but not HTML-escaped: an E.164 "+91…" goes out as "+91…", not "\u002B91…". These bodies only
            // ever travel between this client and OSVI; markup that shows them encodes for HTML itself.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepDefaultWhenNull } },
        };
        options.Converters.Add(new LenientDateTimeOffsetConverter());
        options.Converters.Add(new ActiveChatSessionsConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A <c>null</c> for a property declared non-nullable (a list, a string, an object) keeps the property's
    /// initial value instead of planting a null the caller was promised never to see.</summary>
    private static void KeepDefaultWhenNull(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is { } set && !property.PropertyType.IsValueType && !property.IsSetNullable)
            {
                property.Set = (target, value) =>
                {
                    if (value is not null)
                    {
                        set(target, value);
                    }
                };
            }
        }
    }
}
