using System.Text.Json;
using System.Text.Json.Serialization;
using Osvi.Client.Contracts;

namespace Osvi.Client.Serialization;

/// <summary>Reads the <c>data</c> of <c>GET /v1/chat/session/active</c> without <c>agent_uuid</c>: an object keyed by
/// agent UUID. The answer for "no sessions" is not documented, so <c>{}</c>, <c>[]</c> and <c>null</c> all read as
/// an empty map.</summary>
public sealed class ActiveChatSessionsConverter : JsonConverter<IReadOnlyDictionary<string, ChatSession>>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, ChatSession> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return new Dictionary<string, ChatSession>();
            case JsonTokenType.StartArray:
                reader.Skip();
                return new Dictionary<string, ChatSession>();
            case JsonTokenType.StartObject:
                var sessions = new Dictionary<string, ChatSession>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var agentUuid = reader.GetString()!;
                    reader.Read();
                    if (JsonSerializer.Deserialize<ChatSession>(ref reader, options) is { } session)
                    {
                        sessions[agentUuid] = session;
                    }
                }

                return sessions;
            default:
                throw new JsonException($"Expected an object keyed by agent UUID, found {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, ChatSession> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (agentUuid, session) in value)
        {
            writer.WritePropertyName(agentUuid);
            JsonSerializer.Serialize(writer, session, options);
        }

        writer.WriteEndObject();
    }
}
