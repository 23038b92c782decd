using System.Text.Json;
using System.Text.Json.Serialization;
using Osvi.Client.Contracts;

namespace Osvi.Client.Serialization;

/// <summary>Reads and writes a tolerant string enum; unknown values are kept, never rejected.</summary>
/// <typeparam name="T">The enum type.</typeparam>
public sealed class OsviEnumConverter<T> : JsonConverter<T> where T : struct, IOsviEnum<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => T.From(reader.GetString() ?? ""),
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                T.From(JsonDocument.ParseValue(ref reader).RootElement.GetRawText()),
            JsonTokenType.Null => T.From(""),
            _ => T.From(SkipAndDescribe(ref reader)),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value ?? "");

    private static string SkipAndDescribe(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return "";
    }
}
