using Refit;

namespace Osvi.Client.Tests.Contract;

/// <summary>Assertions on failures as the dashboard sees them: whatever the client threw or returned, mapped through
/// <see cref="OsviErrors"/>.</summary>
internal static class OsviAssert
{
    /// <summary>The call throws an OSVI failure of this kind and status; returns the mapped error.</summary>
    public static async Task<OsviError> FailsAsync(Func<Task> call, OsviErrorKind kind, int? status, string? message = null)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(call);
        Assert.True(OsviErrors.TryFromException(exception, out var error), $"Not an OSVI failure: {exception}");
        return Check(error, kind, status, message);
    }

    /// <summary>The response (of an <see cref="IApiResponse"/> method) failed with this kind and status.</summary>
    public static OsviError Failed(IApiResponse response, OsviErrorKind kind, int? status, string? message = null)
    {
        var error = OsviErrors.FromResponse(response);
        Assert.NotNull(error);
        return Check(error, kind, status, message);
    }

    /// <summary>The response succeeded with this status; returns its content.</summary>
    public static T Succeeded<T>(IApiResponse<T> response, int status = 200)
    {
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {OsviErrors.FromResponse(response)}");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotNull(response.Content);
        return response.Content;
    }

    /// <summary>A validation error whose field errors are exactly these (field, message) pairs, in order.</summary>
    public static void FieldErrors(OsviError error, params (string Field, string Message)[] expected) =>
        Assert.Equal(expected.Select(e => new OsviFieldError(e.Field, e.Message)), error.FieldErrors);

    private static OsviError Check(OsviError error, OsviErrorKind kind, int? status, string? message)
    {
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }

        return error;
    }
}
