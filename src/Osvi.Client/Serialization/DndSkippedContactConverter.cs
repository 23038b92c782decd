using System.Text.Json;
using System.Text.Json.Serialization;
using Osvi.Client.Contracts;

namespace Osvi.Client.Serialization;

/// <summary>Reads a <c>dnd_skipped</c> item as an object (<c>{"phone","person_name"}</c> or <c>{}</c>) or a bare string (D10).</summary>
public sealed class DndSkippedContactConverter : JsonConverter<DndSkippedContact>
{
    /// <inheritdoc />
    public override DndSkippedContact Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var item = document.RootElement;
        return item.ValueKind switch
        {
            JsonValueKind.String => new DndSkippedContact { Phone = item.GetString() },
            JsonValueKind.Object => new DndSkippedContact
            {
                Phone = item.TryGetProperty("phone", out var phone) && phone.ValueKind == JsonValueKind.String ? phone.GetString() : null,
                PersonName = item.TryGetProperty("person_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            },
            _ => new DndSkippedContact(),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DndSkippedContact value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Phone is not null)
        {
            writer.WriteString("phone", value.Phone);
        }

        if (value.PersonName is not null)
        {
            writer.WriteString("person_name", value.PersonName);
        }

        writer.WriteEndObject();
    }
}
