using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Osvi.Client.Contracts;

namespace Osvi.Client.Serialization;

/// <summary>Reads and writes a tolerant string enum; unknown values are kept, never rejected. A number or boolean is
/// kept as its JSON text, null as the empty value, and an object or array (never seen) as the empty value.</summary>
/// <typeparam name="T">The enum type.</typeparam>
public sealed class OsviEnumConverter<T> : JsonConverter<T> where T : struct, IOsviEnum<T>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return T.From(reader.GetString() ?? "");
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return T.From(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
            case JsonTokenType.Null:
                return T.From("");
            default:
                reader.Skip();
                return T.From("");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value ?? "");
    }
}
