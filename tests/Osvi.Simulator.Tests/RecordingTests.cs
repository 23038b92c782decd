using System.Net;
using System.Net.Http.Headers;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Tests;

public sealed class RecordingTests
{
    private static async Task<(string CallId, Uri Url)> RecordingAsync(SimHost host, int durationSeconds = 30)
    {
        using var admin = host.Admin();
        var (_, created) = await admin.PostJsonAsync("/_simulator/calls", new { DurationSeconds = durationSeconds });
        var id = created.Str("call_id");
        using var client = host.Api();
        var (status, body) = await client.GetJsonAsync($"/v1/call/{id}/recording");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body.Data().Str("call_id"));
        Assert.Equal(900, body.Data().GetProperty("expires_in_seconds").GetInt32());
        return (id, new Uri(body.Data().Str("recording_url")));
    }

    [Fact]
    public async Task RecordingUrl_WithoutToken_ServesAPlayableWavOfTheCallsLength()
    {
        await using var host = new SimHost();
        var (id, url) = await RecordingAsync(host, durationSeconds: 30);
        using var anonymous = host.Api(token: null);

        using var response = await anonymous.GetAsync(url, Http.Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Http.Ct);

        Assert.Matches($"^/recordings/{id}\\.wav$", url.AbsolutePath);
        Assert.Matches(@"^expires=\d+&signature=[0-9a-f]{64}$", url.Query.TrimStart('?'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal(44 + (30 * 8_000 * 2), bytes.Length);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        Assert.Equal(1, BitConverter.ToInt16(bytes, 20));
        Assert.Equal(8_000, BitConverter.ToInt32(bytes, 24));
        Assert.Equal(30 * 8_000 * 2, BitConverter.ToInt32(bytes, 40));

        // Speech-like: loud during turns, near silence between them.
        var transcript = (await host.Api().GetJsonAsync($"/v1/call/{id}/transcript")).Body.Data().GetProperty("transcript");
        var turn = transcript[0];
        var loud = Peak(bytes, turn.GetProperty("start_seconds").GetDouble() + 0.1, turn.GetProperty("end_seconds").GetDouble() - 0.1);
        var quiet = Peak(bytes, 0, turn.GetProperty("start_seconds").GetDouble() - 0.05);
        Assert.True(loud > 5_000, $"peak during a turn {loud}");
        Assert.True(quiet < 100, $"peak before the first turn {quiet}");
    }

    private static int Peak(byte[] wav, double from, double to)
    {
        var peak = 0;
        for (var i = 44 + ((int)(from * 8_000) * 2); i < 44 + ((int)(to * 8_000) * 2); i += 2)
        {
            peak = Math.Max(peak, Math.Abs((int)BitConverter.ToInt16(wav, i)));
        }

        return peak;
    }

    [Theory]
    [InlineData(0L, 99L)]
    [InlineData(43L, 44L)]
    [InlineData(1_001L, 250_000L)]
    [InlineData(479_000L, 480_043L)]
    public async Task RangeRequest_Returns206WithExactlyThoseBytes(long from, long to)
    {
        await using var host = new SimHost();
        var (_, url) = await RecordingAsync(host, durationSeconds: 30);
        using var client = host.Api(token: null);
        var full = await client.GetByteArrayAsync(url, Http.Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);

        using var response = await client.SendAsync(request, Http.Ct);
        var part = await response.Content.ReadAsByteArrayAsync(Http.Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{to}/{full.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(full[(int)from..(int)(to + 1)], part);
    }

    [Fact]
    public async Task RangeRequest_BeyondTheEnd_Returns416()
    {
        await using var host = new SimHost();
        var (_, url) = await RecordingAsync(host, durationSeconds: 5);
        using var client = host.Api(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(10_000_000, null);

        using var response = await client.SendAsync(request, Http.Ct);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task RecordingUrl_After15Minutes_Returns403()
    {
        await using var host = new SimHost();
        var (_, url) = await RecordingAsync(host);
        using var client = host.Api(token: null);

        host.Advance(TimeSpan.FromMinutes(14));
        using var stillValid = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Http.Ct);
        host.Advance(TimeSpan.FromSeconds(61));
        var (status, body) = await client.GetJsonAsync(url.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        body.AssertD1("Request has expired");
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("expires")]
    [InlineData("call")]
    public async Task RecordingUrl_Tampered_Returns403(string part)
    {
        await using var host = new SimHost();
        var (id, url) = await RecordingAsync(host);
        var (otherId, _) = await RecordingAsync(host);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var tampered = part switch
        {
            "signature" => $"/recordings/{id}.wav?expires={query["expires"]}&signature={new string('0', 64)}",
            "expires" => $"/recordings/{id}.wav?expires={long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600}&signature={query["signature"]}",
            _ => $"/recordings/{otherId}.wav{url.Query}",
        };
        using var client = host.Api(token: null);

        var (status, _) = await client.GetJsonAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task VeryLongRecording_CreatedThroughTheAdminApi_IsAbout100MBAndSeekable()
    {
        await using var host = new SimHost();
        using var admin = host.Admin();
        var (status, created) = await admin.PostJsonAsync("/_simulator/calls", new { DurationSeconds = 6_300, PhoneNumber = "9876543210" });
        var id = created.Str("call_id");
        using var client = host.Api();
        var (_, recording) = await client.GetJsonAsync($"/v1/call/{id}/recording");
        var url = recording.Data().Str("recording_url");
        using var anonymous = host.Api(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(null, 64_000);

        using var tail = await anonymous.SendAsync(request, Http.Ct);
        var bytes = await tail.Content.ReadAsByteArrayAsync(Http.Ct);
        var (_, detail) = await client.GetJsonAsync($"/v1/call/{id}");

        Assert.Equal(HttpStatusCode.Created, status);
        var expected = 44L + (6_300L * 8_000 * 2);
        Assert.Equal(expected, created.GetProperty("recording_bytes").GetInt64());
        Assert.InRange(expected, 95_000_000, 110_000_000);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(expected, tail.Content.Headers.ContentRange?.Length);
        Assert.Equal(64_000, bytes.Length);
        Assert.Equal(6_300, detail.Data().GetProperty("duration_seconds").GetInt32());
        Assert.Equal("+919876543210", detail.Data().Str("phone_number"));
    }

    [Fact]
    public async Task ForcedPickedCall_HasARecordingOnceItEnds()
    {
        await using var host = new SimHost();
        var id = await StartCallTests.StartAsync(host, OutcomeRules.NationalNumber(OutcomeRules.PickedSuffix));
        using var client = host.Api();

        var (during, _) = await client.GetJsonAsync($"/v1/call/{id}/recording");
        host.Advance(OutcomeRules.ForcedCallSettlesWithin);
        var (after, body) = await client.GetJsonAsync($"/v1/call/{id}/recording");
        using var anonymous = host.Api(token: null);
        using var head = await anonymous.GetAsync(body.Data().Str("recording_url"), HttpCompletionOption.ResponseHeadersRead, Http.Ct);

        Assert.Equal(HttpStatusCode.NotFound, during);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal(44 + (OutcomeRules.ForcedTalkSeconds * 16_000), head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Head_OnARecording_ReturnsItsLengthWithoutABody()
    {
        await using var host = new SimHost();
        var (_, url) = await RecordingAsync(host, durationSeconds: 12);
        using var client = host.Api(token: null);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Http.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(44 + (12 * 16_000), response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Http.Ct));
    }
}
