using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Calls;

namespace Osvi.Dashboard.Tests.Services.Calls;

public sealed class CallFormatTests
{
    [Theory]
    [InlineData(null, "—")]
    [InlineData(0, "—")]
    [InlineData(42, "42 s")]
    [InlineData(125, "2 m 05 s")]
    [InlineData(3725, "1 h 02 m 05 s")]
    [InlineData(36000, "10 h 00 m 00 s")]
    public void Duration_Seconds_ReadsRight(int? seconds, string expected) => Assert.Equal(expected, CallFormat.Duration(seconds));

    [Theory]
    [InlineData(9.56, "00:09")]
    [InlineData(75.2, "01:15")]
    [InlineData(3725, "1:02:05")]
    public void Offset_Seconds_IsAClockReading(double seconds, string expected) => Assert.Equal(expected, CallFormat.Offset(seconds));

    [Theory]
    [InlineData("#22c55e", "#22c55e")]
    [InlineData("#FFF", "#FFF")]
    [InlineData("red;background:url(x)", null)]
    [InlineData("javascript:alert(1)", null)]
    public void SafeColor_OnlyHexColours_GoIntoAStyle(string color, string? expected) => Assert.Equal(expected, CallFormat.SafeColor(color));

    [Fact]
    public void Explanation_NotPicked_SaysNobodyAnsweredAndSuggestsARetryWindow()
    {
        var explanation = CallExplanation.Of(new CallListItem { CallId = "c", Status = CallStatus.NotPicked, EndedBy = "system", EndedReason = "customer-did-not-answer" });

        Assert.Equal("Nobody answered", explanation.Headline);
        Assert.Contains("retry window", explanation.NextStep, StringComparison.Ordinal);
        Assert.Contains("Ended by OSVI (customer did not answer)", explanation.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("picked", "exceeded-max-duration", "max_call_duration_seconds")]
    [InlineData("failed", "dnd-skipped", "DND list")]
    [InlineData("failed", "invalid-number", "country code")]
    [InlineData("busy", "customer-busy", "Try again in a few minutes")]
    [InlineData("voicemail", "voicemail-detected", "Call again later")]
    public void Explanation_StatusAndReason_GivesANextStep(string status, string reason, string expected)
    {
        var explanation = CallExplanation.Of(new CallListItem { CallId = "c", Status = CallStatus.From(status), EndedReason = reason, DurationSeconds = 300 });

        Assert.Contains(expected, explanation.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_InProgressNotYetDialled_SaysItIsQueued()
    {
        var queued = CallExplanation.Of(new CallListItem { CallId = "c", Status = CallStatus.InProgress });
        var dialled = CallExplanation.Of(new CallListItem { CallId = "c", Status = CallStatus.InProgress, PickedAt = DateTimeOffset.UnixEpoch });

        Assert.Equal("Waiting to be dialled", queued.Headline);
        Assert.Equal("Under way", dialled.Headline);
    }

    [Fact]
    public void DataField_FreeFormObject_FlattensToReadableRowsInOsvisOrder()
    {
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{"confirmed":true,"email":"ravi@example.com","attempts":3,"address":{"city":"Pune","pin":null},"tags":["a","b"],"note":""}""")!;

        var rows = DataField.From(data);

        Assert.Equal(
        [
            new DataField("confirmed", "yes"),
            new DataField("email", "ravi@example.com"),
            new DataField("attempts", "3"),
            new DataField("address.city", "Pune"),
            new DataField("address.pin", "", IsEmpty: true),
            new DataField("tags", "a, b"),
            new DataField("note", "", IsEmpty: true),
        ], rows);
    }

    [Fact]
    public void ToPlainText_Transcript_OneLinePerTurnWithOffsetAndSpeaker()
    {
        var transcript = new CallTranscriptView("c", [new TranscriptLine(0, Speaker.Agent, "Hello", 1.3, 2), new TranscriptLine(1, Speaker.Customer, "Hi", null, null)]);

        Assert.Equal("[00:01] Agent: Hello\nCustomer: Hi", transcript.ToPlainText());
    }
}
