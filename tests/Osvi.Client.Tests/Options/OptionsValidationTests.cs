using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Osvi.Client.Tests.Options;

/// <summary>Start-up validation of <see cref="OsviApiOptions"/>: a host with a bad <c>OsviApi</c> section does not start,
/// and the message names the key to fix.</summary>
public sealed class OptionsValidationTests
{
    private const string ValidToken = "abcdefghijklmnop";

    [Fact]
    public async Task HostStart_MissingToken_FailsNamingTheKey()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartHostAsync(new() { ["OsviApi:BaseUrl"] = "https://api.osvi.ai" }));

        Assert.Contains("OsviApi:ApiToken is required (16 characters)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("it is empty", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_TokenOfWrongLength_FailsWithTheLengthButNotTheValue()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartHostAsync(new() { ["OsviApi:ApiToken"] = "short-secret" }));

        Assert.Contains("OsviApi:ApiToken is required (16 characters); the configured value has 12", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://api.osvi.ai")]
    [InlineData("")]
    public async Task HostStart_BadBaseUrl_FailsNamingTheKey(string baseUrl)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartHostAsync(new() { ["OsviApi:BaseUrl"] = baseUrl, ["OsviApi:ApiToken"] = ValidToken }));

        Assert.Contains("OsviApi:BaseUrl must be an absolute http(s) URL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_ValidSection_StartsAndResolvesTheClient()
    {
        using var host = await StartHostAsync(new() { ["OsviApi:BaseUrl"] = "http://127.0.0.1:5080", ["OsviApi:ApiToken"] = ValidToken });

        Assert.NotNull(host.Services.GetRequiredService<IOsviApi>());
        Assert.Equal(new Uri("http://127.0.0.1:5080"), host.Services.GetRequiredService<IOptions<OsviApiOptions>>().Value.BaseUrl);
    }

    [Fact]
    public async Task HostStart_TokenWithSurroundingWhitespace_IsAccepted()
    {
        using var host = await StartHostAsync(new() { ["OsviApi:ApiToken"] = $"  {ValidToken}\n" });

        Assert.NotNull(host.Services.GetRequiredService<IOsviApi>());
    }

    [Theory]
    [InlineData("AttemptTimeout", "00:00:00", "OsviApi:AttemptTimeout must be between 10 ms and 10 minutes.")]
    [InlineData("TotalTimeout", "00:00:05", "OsviApi:TotalTimeout must be at least OsviApi:AttemptTimeout and at most 1 hour.")]
    [InlineData("MaxRetries", "11", "OsviApi:MaxRetries must be between 0 and 10.")]
    [InlineData("MaxRetries", "-1", "OsviApi:MaxRetries must be between 0 and 10.")]
    [InlineData("RetryBaseDelay", "-00:00:01", "OsviApi:RetryBaseDelay must be between 0 and 1 minute.")]
    [InlineData("MaxRetryAfter", "-00:00:01", "OsviApi:MaxRetryAfter must not be negative.")]
    [InlineData("CircuitBreakerMinimumThroughput", "1", "OsviApi:CircuitBreakerMinimumThroughput must be at least 2.")]
    [InlineData("CircuitBreakerBreakDuration", "00:00:00.100", "OsviApi:CircuitBreakerBreakDuration must be between 0.5 seconds and 1 hour.")]
    public async Task HostStart_PipelineSettingOutOfRange_FailsNamingTheKey(string key, string value, string message)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartHostAsync(new() { ["OsviApi:ApiToken"] = ValidToken, [$"OsviApi:{key}"] = value }));

        Assert.Contains(message, exception.Failures);
    }

    [Fact]
    public void Validator_Defaults_AreValidOnceTheTokenIsSet()
    {
        var result = new OsviApiOptionsValidator().Validate(null, new OsviApiOptions { ApiToken = ValidToken });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Options_Defaults_PointAtTheRealService()
    {
        var options = new OsviApiOptions();

        Assert.Equal(new Uri("https://api.osvi.ai"), options.BaseUrl);
        Assert.Equal("OsviApi:ApiToken", OsviApiOptions.ApiTokenKey);
        Assert.Equal("OsviApi:BaseUrl", OsviApiOptions.BaseUrlKey);
        Assert.Equal("API-Token", OsviApiOptions.ApiTokenHeaderName);
    }

    private static async Task<IHost> StartHostAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOsviClient(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
