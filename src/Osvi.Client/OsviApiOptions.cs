using Microsoft.Extensions.Options;

namespace Osvi.Client;

/// <summary>Configuration of the OSVI client, bound from the <c>OsviApi</c> section.</summary>
public sealed class OsviApiOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "OsviApi";

    /// <summary>Configuration key of <see cref="BaseUrl"/>.</summary>
    public const string BaseUrlKey = SectionName + ":BaseUrl";

    /// <summary>Configuration key of <see cref="ApiToken"/>.</summary>
    public const string ApiTokenKey = SectionName + ":ApiToken";

    /// <summary>The documented length of an OSVI API token.</summary>
    public const int TokenLength = 16;

    /// <summary>The API root, <c>https://api.osvi.ai</c> by default.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.osvi.ai");

    /// <summary>The account's 16-character API token. Secret: only ever read by the token handler.</summary>
    public string ApiToken { get; set; } = "";

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a whole request, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum retries of a GET that met a transient failure (writes are never retried).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <inheritdoc />
    public override string ToString() => $"OsviApiOptions {{ BaseUrl = {BaseUrl}, ApiToken = (redacted) }}";
}

/// <summary>Validates <see cref="OsviApiOptions"/> at start-up with messages that name the configuration key.</summary>
public sealed class OsviApiOptionsValidator : IValidateOptions<OsviApiOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OsviApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.BaseUrl is null || !options.BaseUrl.IsAbsoluteUri ||
            (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{OsviApiOptions.BaseUrlKey} must be an absolute http(s) URL, e.g. https://api.osvi.ai.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiToken) || options.ApiToken.Trim().Length != OsviApiOptions.TokenLength)
        {
            failures.Add($"{OsviApiOptions.ApiTokenKey} is required ({OsviApiOptions.TokenLength} characters; OSVI dashboard → Settings → API). " +
                         "Set it with the environment variable OsviApi__ApiToken or a secret file.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{OsviApiOptions.SectionName}:AttemptTimeout must be positive and no longer than {OsviApiOptions.SectionName}:TotalTimeout.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{OsviApiOptions.SectionName}:MaxRetries must be between 0 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
