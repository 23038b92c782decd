using Microsoft.Extensions.Options;

namespace Osvi.Client;

/// <summary>Adds the <c>API-Token</c> header to every request: the one place the token leaves the options. It reads
/// <see cref="IOptionsMonitor{TOptions}.CurrentValue"/> per request, so a rotated token is used at once, and takes the
/// header off again when the request is done, so neither an <c>ApiException.RequestMessage</c> nor an
/// <c>IApiResponse.RequestMessage</c> handed to callers still carries it.</summary>
internal sealed class OsviApiTokenHandler(IOptionsMonitor<OsviApiOptions> options) : DelegatingHandler
{
    internal const string HeaderName = OsviApiOptions.ApiTokenHeaderName;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Exactly once, whatever a caller may have set.
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, options.CurrentValue.ApiToken.Trim());
        try
        {
            // Retries run inside (the resilience handler is nearer the wire), so every attempt carries the header.
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.Headers.Remove(HeaderName);
        }
    }
}
