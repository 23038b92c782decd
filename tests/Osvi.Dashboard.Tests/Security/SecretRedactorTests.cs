using Osvi.Dashboard.Tests.Support;

namespace Osvi.Dashboard.Tests.Security;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("token sim-primary-0001 sent", "token [redacted] sent")]
    [InlineData("GET https://bucket.s3.amazonaws.com/a/recording.mp4?X-Amz-Algorithm=AWS4&X-Amz-Signature=deadbeef failed", "GET https://bucket.s3.amazonaws.com/a/recording.mp4?[redacted] failed")]
    [InlineData("http://127.0.0.1:5000/recordings/abc.wav?expires=1781000000&signature=00ff", "http://127.0.0.1:5000/recordings/abc.wav?[redacted]")]
    [InlineData("https://api.osvi.ai/v1/calls?status=picked&per_page=1", "https://api.osvi.ai/v1/calls?status=picked&per_page=1")]
    [InlineData("nothing secret", "nothing secret")]
    public void Redact_Text_RemovesTheTokenAndPresignedQueries(string text, string expected)
    {
        var redactor = TestOptions.Redactor();

        Assert.Equal(expected, redactor.Redact(text));
        Assert.Equal(expected != text, redactor.ContainsSecret(text));
    }
}
