using System.Text.Json;
using System.Text.Json.Serialization;
using Osvi.Client.Contracts;

namespace Osvi.Client.Serialization;

/// <summary>Reads a transcript turn in every shape D7 allows: role aliases, text in <c>content</c>/<c>message</c>/<c>text</c>,
/// start in <c>start_seconds</c>/<c>seconds_from_start</c>/<c>secondsFromStart</c>/<c>start</c>/<c>timestamp</c>, or no timing.</summary>
public sealed class TranscriptTurnConverter : JsonConverter<TranscriptTurn>
{
    private static readonly string[] s_textNames = ["content", "message", "text"];
    private static readonly string[] s_startNames = ["start_seconds", "seconds_from_start", "secondsFromStart", "start", "timestamp"];
    private static readonly string[] s_endNames = ["end_seconds", "end"];

    /// <inheritdoc />
    public override TranscriptTurn Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var turn = document.RootElement;
        if (turn.ValueKind != JsonValueKind.Object)
        {
            return new TranscriptTurn { Role = TranscriptRole.From(""), Content = turn.ValueKind == JsonValueKind.String ? turn.GetString() ?? "" : "" };
        }

        return new TranscriptTurn
        {
            Role = NormaliseRole(FirstString(turn, ["role", "speaker"])),
            Content = FirstString(turn, s_textNames) ?? "",
            StartSeconds = FirstNumber(turn, s_startNames),
            EndSeconds = FirstNumber(turn, s_endNames),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TranscriptTurn value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("role", value.Role.Value);
        writer.WriteString("content", value.Content);
        if (value.StartSeconds is { } start)
        {
            writer.WriteNumber("start_seconds", start);
        }

        if (value.EndSeconds is { } end)
        {
            writer.WriteNumber("end_seconds", end);
        }

        writer.WriteEndObject();
    }

    /// <summary>Maps the D7 aliases onto the four canonical roles; anything else is kept lower-cased.</summary>
    public static TranscriptRole NormaliseRole(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "agent" or "assistant" or "bot" or "ai" => TranscriptRole.Agent,
        "user" or "customer" or "human" => TranscriptRole.User,
        "system" => TranscriptRole.System,
        "tool" or "function" => TranscriptRole.Tool,
        null or "" => TranscriptRole.From(""),
        var other => TranscriptRole.From(other),
    };

    private static string? FirstString(JsonElement turn, string[] names)
    {
        foreach (var name in names)
        {
            if (turn.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static double? FirstNumber(JsonElement turn, string[] names)
    {
        foreach (var name in names)
        {
            if (!turn.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String &&
                double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        return null;
    }
}
