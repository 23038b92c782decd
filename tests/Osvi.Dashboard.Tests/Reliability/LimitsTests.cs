using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Testing;
using Serilog.Events;

namespace Osvi.Dashboard.Tests.Reliability;

/// <summary><c>Dashboard:Limits</c> on the real host: request bodies, the circuit hub's message size, start-up validation.</summary>
public sealed class LimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_BodyLargerThanTheLimit_Answers413WithAPlainMessage_AndLogsAWarning()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.Limits + ":MaxRequestBodyBytes", "4096");
        using var client = factory.CreateClient();

        using var content = new ByteArrayContent(new byte[8192]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var response = await client.PostAsync(new Uri("/", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("The request is larger than the dashboard accepts (4 KB, setting Dashboard:Limits:MaxRequestBodyBytes). Nothing was processed.", text);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Messages(LogEventLevel.Warning), m => m.Contains("larger than the limit of 4096 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_BodyWithinTheLimit_IsNotRefused()
    {
        await using var factory = new DashboardFactory().WithSetting(DashboardConfigNames.Limits + ":MaxRequestBodyBytes", "4096");
        using var client = factory.CreateClient();

        using var content = new ByteArrayContent(new byte[1024]);
        using var response = await client.PostAsync(new Uri("/healthz", UriKind.Relative), content, Ct);

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Defaults_ApplyToKestrelFormsAndTheCircuitHub()
    {
        await using var factory = new DashboardFactory();
        var services = factory.Services;
        var limits = services.GetRequiredService<IOptions<DashboardOptions>>().Value.Limits;

        Assert.Equal(1024 * 1024, limits.MaxRequestBodyBytes);
        Assert.Equal(1024 * 1024, services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        Assert.Equal(1024 * 1024, services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
        Assert.Equal(1024 * 1024, CircuitHubOptions(services).MaximumReceiveMessageSize);
        Assert.Equal((4000, 500, 200_000, 2 * 1024 * 1024L), (limits.MaxTextLength, limits.MaxReasonLength, limits.MaxPastedTextLength, limits.MaxUploadBytes));
    }

    [Fact]
    public async Task HubMessageSize_Configured_IsTheCircuitHubsLimit()
    {
        await using var factory = new DashboardFactory()
            .WithSetting(DashboardConfigNames.Limits + ":MaxHubMessageBytes", "65536")
            .WithSetting(DashboardConfigNames.Limits + ":MaxPastedTextLength", "20000");

        Assert.Equal(65536, CircuitHubOptions(factory.Services).MaximumReceiveMessageSize);
    }

    [Fact]
    public async Task Start_PastedTextThatCannotFitInAHubMessage_StopsAndNamesTheKey()
    {
        await using var factory = new DashboardFactory()
            .WithSetting(DashboardConfigNames.Limits + ":MaxHubMessageBytes", "65536")
            .WithSetting(DashboardConfigNames.Limits + ":MaxPastedTextLength", "200000");

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(factory.Logs.Messages(LogEventLevel.Error), m => m.Contains("Dashboard:Limits:MaxHubMessageBytes must hold MaxPastedTextLength", StringComparison.Ordinal));
    }

    // Blazor's circuit hub is internal; its options are what SignalR applies to the connection.
    private static HubOptions CircuitHubOptions(IServiceProvider services)
    {
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub));
        var options = services.GetRequiredService(optionsType);
        return (HubOptions)optionsType.GetProperty("Value")!.GetValue(options)!;
    }
}
