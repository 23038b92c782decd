using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Osvi.Simulator.Recordings;

/// <summary>
/// Presigns recording URLs like S3 does: <c>/recordings/{call_id}.wav?expires=&lt;unix&gt;&amp;signature=&lt;hex&gt;</c> with an
/// HMAC-SHA256 over <c>{call_id}:{expires}</c>. Expiry follows the host clock (the injected <see cref="TimeProvider"/>,
/// unscaled), so a URL lives 15 real minutes even when the simulated clock runs at 60×.
/// </summary>
public sealed class RecordingSigner(TimeProvider time, IOptions<SimulatorOptions> options)
{
    private readonly byte[] _key = options.Value.RecordingSigningKey is { Length: > 0 } configured
        ? Encoding.UTF8.GetBytes(configured)
        : RandomNumberGenerator.GetBytes(32);

    /// <summary>Lifetime of a URL in seconds (900).</summary>
    public int LifetimeSeconds => options.Value.RecordingUrlLifetimeSeconds;

    /// <summary>The path and query of a fresh URL for a call.</summary>
    public string CreatePathAndQuery(string callId)
    {
        var expires = time.GetUtcNow().ToUnixTimeSeconds() + LifetimeSeconds;
        return $"/recordings/{callId}.wav?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Sign(callId, expires)}";
    }

    /// <summary>Checks a URL's parameters: null when valid, else why not.</summary>
    public string? Validate(string callId, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || signature is null)
        {
            return "Missing or malformed signature";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(callId, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            return "Signature does not match";
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? "Request has expired" : null;
    }

    private string Sign(string callId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{callId}:{expires.ToString(CultureInfo.InvariantCulture)}")));
}
