namespace Osvi.Client;

/// <summary>Reads each answer's body inside the attempt. Refit reads bodies only after the HTTP pipeline has returned,
/// where neither the attempt nor the total timeout applies, so a body that stalls after its headers would hold the call
/// until the caller gives up; read here, it is an attempt timeout like any other (and a GET is retried), and a connection
/// dropped in the middle of a body is a transient failure instead of an unreadable answer.</summary>
internal sealed class OsviResponseBufferingHandler : DelegatingHandler
{
    /// <summary>OSVI's largest answer (a page of 100 calls) is well under 1 MiB; a body beyond this is no OSVI answer.</summary>
    internal const long MaxBodyBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
