using System.Text.Json;
using System.Text.Json.Nodes;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;

namespace Osvi.Client.Tests.Serialization;

/// <summary>The wire rules of <see cref="OsviJson.Options"/>: snake_case, nulls omitted on write, D16 timestamps,
/// tolerant enums, and a wire null never replacing a non-nullable default.</summary>
public sealed class WireFormatTests
{
    [Theory]
    [InlineData("2026-06-12T09:30:00+05:30", "2026-06-12T04:00:00Z", 330)]
    [InlineData("2026-06-04T11:40:25.690486Z", "2026-06-04T11:40:25.690486Z", 0)]
    [InlineData("2025-12-31T11:40:25.690486", "2025-12-31T11:40:25.690486Z", 0)]
    [InlineData("2025-12-31T11:40:25", "2025-12-31T11:40:25Z", 0)]
    [InlineData("2026-06-12T09:30:00.5-04:00", "2026-06-12T13:30:00.5Z", -240)]
    [InlineData("2026-06-12", "2026-06-12T00:00:00Z", 0)]
    public void Timestamp_EveryD16Form_ReadsTheInstantAndOffset(string wire, string expectedUtc, int offsetMinutes)
    {
        var entry = JsonSerializer.Deserialize<DndEntry>($$"""{"id":1,"created_at":"{{wire}}"}""", OsviJson.Options)!;

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), entry.CreatedAt);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), entry.CreatedAt.Offset);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("12345")]
    public void Timestamp_NotATimestamp_FailsClearly(string wire)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DndEntry>($$"""{"id":1,"created_at":{{wire}}}""", OsviJson.Options));
    }

    [Fact]
    public void Timestamp_Written_KeepsTheOffset()
    {
        var json = JsonSerializer.Serialize(new DndEntry { Id = 1, CreatedAt = new DateTimeOffset(2026, 6, 12, 9, 30, 0, TimeSpan.FromHours(5.5)) }, OsviJson.Options);

        Assert.Contains("\"created_at\":\"2026-06-12T09:30:00+05:30\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void SupportCommandRequest_WithoutCommand_SendsOnlyTheMessage()
    {
        var json = JsonSerializer.Serialize(new SupportCommandRequest { Message = "Hello from a human" }, OsviJson.Options);

        Assert.Equal("""{"message":"Hello from a human"}""", json);
    }

    [Fact]
    public void SupportCommandRequest_WithCommand_SendsTheWireValue()
    {
        var json = JsonSerializer.Serialize(new SupportCommandRequest { Command = SupportCommand.Takeover }, OsviJson.Options);

        Assert.Equal("""{"command":"takeover"}""", json);
    }

    [Fact]
    public void StartCallRequest_OnlyRequiredFields_OmitsEveryOptionalField()
    {
        var json = JsonSerializer.Serialize(new StartCallRequest { AgentUuid = "agent_a", PhoneNumber = "9876543210", CountryCode = "IN" }, OsviJson.Options);

        Assert.Equal("""{"agent_uuid":"agent_a","phone_number":"9876543210","country_code":"IN"}""", json);
    }

    [Fact]
    public void StartCallRequest_AdditionalData_IsAnObjectWithKeysAsGiven()
    {
        var request = new StartCallRequest
        {
            AgentUuid = "agent_a",
            PhoneNumber = "9876543210",
            CountryCode = "IN",
            AdditionalData = new Dictionary<string, JsonElement>
            {
                ["appointmentDate"] = JsonSerializer.SerializeToElement("2025-01-15"),
                ["visits"] = JsonSerializer.SerializeToElement(3),
            },
        };

        var node = JsonNode.Parse(JsonSerializer.Serialize(request, OsviJson.Options))!;

        var additional = Assert.IsType<JsonObject>(node["additional_data"]);
        Assert.Equal("2025-01-15", (string?)additional["appointmentDate"]);
        Assert.Equal(3, (int?)additional["visits"]);
    }

    [Fact]
    public void CreateChatSessionRequest_Serialised_IsSnakeCase()
    {
        var json = JsonSerializer.Serialize(
            new CreateChatSessionRequest { AgentUuid = "agent_a", CustomerId = "+15551112222", Context = ["a"] }, OsviJson.Options);

        Assert.Equal("""{"agent_uuid":"agent_a","customer_id":"+15551112222","context":["a"]}""", json);
    }

    [Fact]
    public void Enum_NumberOrBooleanOrNull_IsKeptAsText()
    {
        var call = JsonSerializer.Deserialize<CallSummary>("""{"call_id":"c","status":3,"call_type":null,"created_at":"2026-06-12T09:30:00+05:30"}""", OsviJson.Options)!;

        Assert.Equal("3", call.Status.Value);
        Assert.False(call.Status.IsKnown);
        Assert.Equal("", call.CallType.Value);
    }

    [Fact]
    public void Enum_ObjectValue_DoesNotBreakTheRest()
    {
        var call = JsonSerializer.Deserialize<CallSummary>("""{"call_id":"c","status":{"code":"picked"},"agent_name":"A","created_at":"2026-06-12T09:30:00+05:30"}""", OsviJson.Options)!;

        Assert.Equal("", call.Status.Value);
        Assert.Equal("A", call.AgentName);
    }

    [Fact]
    public void NullForNonNullableList_KeepsTheEmptyDefault()
    {
        var page = JsonSerializer.Deserialize<OsviPagedEnvelope<CallSummary>>("""{"success":true,"data":null,"meta":null}""", OsviJson.Options)!;
        var transcript = JsonSerializer.Deserialize<CallTranscript>("""{"call_id":"c","transcript":null}""", OsviJson.Options)!;
        var upload = JsonSerializer.Deserialize<ContactUploadResult>("""{"dnd_skipped":null}""", OsviJson.Options)!;

        Assert.Empty(page.Data);
        Assert.NotNull(page.Meta);
        Assert.Empty(transcript.Transcript);
        Assert.Empty(upload.DndSkipped);
    }

    [Fact]
    public void NullForNullableProperty_StaysNull()
    {
        var call = JsonSerializer.Deserialize<CallDetail>("""{"call_id":"c","summary":null,"data_captured":null,"created_at":"2026-06-12T09:30:00+05:30"}""", OsviJson.Options)!;

        Assert.Null(call.Summary);
        Assert.Null(call.DataCaptured);
    }

    [Fact]
    public void Ids_QuotedNumbers_AreRead()
    {
        var entry = JsonSerializer.Deserialize<DndEntry>("""{"id":"31","created_at":"2026-06-12T09:30:00+05:30"}""", OsviJson.Options)!;

        Assert.Equal(31, entry.Id);
    }

    [Fact]
    public void UnknownProperties_AreIgnored()
    {
        var agent = JsonSerializer.Deserialize<ActiveAgent>("""{"agent_id":"agent_a","name":"A","status":"active","voice":"nova","updated_at":"2026-06-12T09:30:00+05:30"}""", OsviJson.Options)!;

        Assert.Equal("agent_a", agent.AgentId);
    }
}
