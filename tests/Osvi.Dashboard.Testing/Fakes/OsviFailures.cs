using System.Net;
using System.Text;
using Refit;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>Exceptions exactly as the Refit client throws them, for fakes of <c>IOsviApi</c>.</summary>
public static class OsviFailures
{
    /// <summary>OSVI answered <paramref name="status"/> with <paramref name="body"/> (an <see cref="ApiException"/>).</summary>
    public static async Task<ApiException> ApiAsync(HttpStatusCode status, string? body, string path = "/v1/test", Action<HttpResponseMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri("https://api.osvi.ai"), path));
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(response);
        return await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());
    }

    /// <summary>No answer: the connection was refused (an <see cref="ApiRequestException"/>).</summary>
    public static ApiRequestException Unreachable(string path = "/v1/test")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri("https://api.osvi.ai"), path));
        return new ApiRequestException(request, HttpMethod.Get, new RefitSettings(),
            new HttpRequestException("Connection refused (api.osvi.ai:443)"));
    }
}
