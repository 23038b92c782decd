using System.Globalization;
using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Client.Serialization;

namespace Osvi.Client.Tests.Contract;

/// <summary>Compares what the client deserialised with the simulator's raw JSON for the same request, so a field the
/// client drops, renames or misreads (and a field one side has that the other does not) fails the test.</summary>
internal static class WireAssert
{
    /// <summary>The wire object has exactly the fields the client's type reads (apart from <paramref name="optional"/>,
    /// which may be absent on the wire).</summary>
    public static void SameFields<T>(JsonElement wire, params string[] optional)
    {
        var modelled = OsviJson.Options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var sent = wire.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(sent.Except(modelled).Order());
        Assert.Empty(modelled.Except(sent).Except(optional).Order());
    }

    public static void SameCall(JsonElement wire, CallSummary call)
    {
        Assert.Equal(wire.GetProperty("call_id").GetString(), call.CallId);
        Assert.Equal(wire.GetProperty("agent_uuid").GetString(), call.AgentUuid);
        Assert.Equal(wire.GetProperty("agent_name").GetString(), call.AgentName);
        Assert.Equal(wire.GetProperty("phone_number").GetString(), call.PhoneNumber);
        Assert.Equal(wire.GetProperty("from_number").GetString(), call.FromNumber);
        Assert.Equal(wire.GetProperty("status").GetString(), call.Status.Value);
        Assert.True(call.Status.IsKnown);
        Assert.Equal(wire.GetProperty("call_type").GetString(), call.CallType.Value);
        Assert.True(call.CallType.IsKnown);
        Assert.Equal(wire.GetProperty("duration_seconds").GetInt32(), call.DurationSeconds);
        Assert.Equal(wire.GetProperty("call_ended_by").GetString(), call.CallEndedBy);
        Assert.Equal(wire.GetProperty("call_ended_reason").GetString(), call.CallEndedReason);
        Assert.Equal(Long(wire.GetProperty("campaign_id")), call.CampaignId);
        Assert.Equal(Long(wire.GetProperty("campaign_upload_id")), call.CampaignUploadId);
        SameTimestamp(wire.GetProperty("created_at"), call.CreatedAt);
        SameTimestamp(wire.GetProperty("call_picked_at"), call.CallPickedAt);
        var tag = wire.GetProperty("tag");
        if (tag.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(call.Tag);
        }
        else
        {
            Assert.Equal(new CallTag { Id = tag.GetProperty("id").GetInt64(), Name = tag.GetProperty("name").GetString()!, ColorCode = tag.GetProperty("color_code").GetString() }, call.Tag);
            SameFields<CallTag>(tag);
        }

        if (call is CallDetail)
        {
            SameFields<CallDetail>(wire);
        }
        else
        {
            SameFields<CallSummary>(wire);
        }
    }

    /// <summary>An IST timestamp (D16) read to the same instant and the same offset.</summary>
    public static void SameTimestamp(JsonElement wire, DateTimeOffset? value)
    {
        if (wire.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(value);
            return;
        }

        var text = wire.GetString()!;
        var expected = DateTimeOffset.ParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.NotNull(value);
        Assert.Equal(expected, value.Value);
        Assert.Equal(text.EndsWith('Z') ? TimeSpan.Zero : TimeSpan.FromHours(5.5), value.Value.Offset);
    }

    private static long? Long(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetInt64();
}
