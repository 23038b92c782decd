using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Osvi.Client.Serialization;

/// <summary>Reads any ISO-8601 timestamp (D16): with an offset (<c>+05:30</c>, <c>Z</c>) or without one, which means UTC
/// (legacy naive timestamps). Writes the round-trip form.</summary>
public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an ISO-8601 timestamp string, found {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture));

    /// <summary>Parses an ISO-8601 timestamp; a value without an offset is taken as UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out value);
}
