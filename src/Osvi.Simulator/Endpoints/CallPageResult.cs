using System.Buffers;
using System.Buffers.Text;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.Endpoints;

/// <summary>
/// The <c>GET /v1/calls</c> response written from each call's cached JSON: the hot path of the dashboard's polling and
/// of the benchmark, so it concatenates bytes instead of serialising 100 objects per request.
/// </summary>
internal sealed class CallPageResult(IReadOnlyList<byte[]> items, PageMeta meta) : IResult
{
    private static ReadOnlySpan<byte> Prefix => "{\"success\":true,\"data\":["u8;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        var length = Prefix.Length + Math.Max(0, items.Count - 1) + 128;
        foreach (var item in items)
        {
            length += item.Length;
        }

        var writer = response.BodyWriter;
        var span = writer.GetSpan(length);
        var written = 0;
        Prefix.CopyTo(span);
        written += Prefix.Length;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                span[written++] = (byte)',';
            }

            items[i].CopyTo(span[written..]);
            written += items[i].Length;
        }

        written += Append(span[written..], "],\"meta\":{\"current_page\":"u8, meta.CurrentPage);
        written += Append(span[written..], ",\"total_pages\":"u8, meta.TotalPages);
        written += Append(span[written..], ",\"total_count\":"u8, meta.TotalCount);
        written += Append(span[written..], ",\"per_page\":"u8, meta.PerPage);
        "}}"u8.CopyTo(span[written..]);
        written += 2;

        response.ContentLength = written;
        writer.Advance(written);
        return writer.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> name, int value)
    {
        name.CopyTo(destination);
        Utf8Formatter.TryFormat(value, destination[name.Length..], out var digits);
        return name.Length + digits;
    }
}
