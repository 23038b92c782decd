using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Osvi.Client.Tests.Errors;

/// <summary><see cref="OsviErrors"/> on exceptions that do not come from an HTTP answer.</summary>
public sealed class OsviErrorsTests
{
    public static TheoryData<Exception, string> TransportFailures => new()
    {
        { new HttpRequestException("Name or service not known (api.osvi.ai:443)"), "OSVI could not be reached." },
        { new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:10'."), "OSVI did not answer in time." },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()), "OSVI did not answer in time." },
        { new BrokenCircuitException("The circuit is now open and is not allowing calls."), "OSVI keeps failing; requests are paused for a few seconds to let it recover." },
        { new IsolatedCircuitException("The circuit is manually held open and is not allowing calls."), "OSVI keeps failing; requests are paused for a few seconds to let it recover." },
        { new RateLimiterRejectedException(), "Too many requests to OSVI are in flight; try again shortly." },
        { new IOException("Unable to read data from the transport connection."), "OSVI could not be reached." },
    };

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public void FromException_TransportFailure_IsUnreachableWithAPlainMessage(Exception exception, string message)
    {
        var error = OsviErrors.FromException(exception);

        Assert.Equal(OsviErrorKind.Unreachable, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(message, error.Message);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public void FromException_OpenCircuit_SaysWhenItLetsRequestsThroughAgain()
    {
        var error = OsviErrors.FromException(new BrokenCircuitException("The circuit is now open and is not allowing calls.", TimeSpan.FromSeconds(3)));

        Assert.Equal((OsviErrorKind.Unreachable, TimeSpan.FromSeconds(3)), (error.Kind, error.RetryAfter));
    }

    public static TheoryData<Exception, bool> BreakerVerdicts => new()
    {
        { new BrokenCircuitException("The circuit is now open and is not allowing calls."), true },
        { new IsolatedCircuitException("The circuit is manually held open and is not allowing calls."), true },
        // Refit wraps what the pipeline threw; the breaker may sit a level or two down.
        { new HttpRequestException("Sending failed.", new BrokenCircuitException("The circuit is now open and is not allowing calls.")), true },
        { new IOException("Outer.", new HttpRequestException("Inner.", new BrokenCircuitException())), true },
        { new HttpRequestException("Connection reset by peer."), false },
        { new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:10'."), false },
        { new RateLimiterRejectedException(), false },
    };

    [Theory]
    [MemberData(nameof(BreakerVerdicts))]
    public void IsHeldBackByBreaker_Exception_TrueOnlyWhenAnOpenBreakerIsInTheChain(Exception exception, bool heldBack)
    {
        Assert.Equal(heldBack, OsviErrors.IsHeldBackByBreaker(exception));
    }

    [Fact]
    public void FromException_BreakerWrappedInTransportFailure_SaysRequestsArePaused()
    {
        var error = OsviErrors.FromException(new HttpRequestException("Sending failed.", new BrokenCircuitException("Open.", TimeSpan.FromSeconds(4))));

        Assert.Equal((OsviErrorKind.Unreachable, TimeSpan.FromSeconds(4)), (error.Kind, error.RetryAfter));
        Assert.StartsWith("OSVI keeps failing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFromException_CallerCancellation_IsNotAnError()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = new OperationCanceledException(cts.Token);

        Assert.False(OsviErrors.TryFromException(cancelled, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void FromException_CallerCancellation_RethrowsTheSameException()
    {
        var cancelled = new TaskCanceledException("A task was canceled.");

        var thrown = Assert.Throws<TaskCanceledException>(() => OsviErrors.FromException(cancelled));

        Assert.Same(cancelled, thrown);
    }

    [Fact]
    public void FromException_ProgrammingError_RethrowsItUnchanged()
    {
        var bug = new InvalidOperationException("bug");

        Assert.Same(bug, Assert.Throws<InvalidOperationException>(() => OsviErrors.FromException(bug)));
        Assert.False(OsviErrors.TryFromException(bug, out _));
    }
}
