using Microsoft.Extensions.Options;

namespace Osvi.Client;

/// <summary>Adds the <c>API-Token</c> header to every request: the one place the token leaves the options.</summary>
internal sealed class OsviApiTokenHandler(IOptionsMonitor<OsviApiOptions> options) : DelegatingHandler
{
    internal const string HeaderName = "API-Token";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, options.CurrentValue.ApiToken.Trim());
        return base.SendAsync(request, cancellationToken);
    }
}
