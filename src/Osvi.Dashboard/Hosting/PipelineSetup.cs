using Microsoft.Extensions.Options;
using Osvi.Dashboard.Components;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security.Accounts;
using Osvi.Dashboard.Security.Authorization;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Hosting;

internal static partial class PipelineSetup
{
    /// <summary>The middleware pipeline and endpoints.</summary>
    public static WebApplication UseDashboardPipeline(this WebApplication app)
    {
        app.UseDashboardSecurityHeaders();
        app.UseDashboardRequestLogging();
        app.UseDashboardRequestLimits();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapDashboardHealthChecks();
        app.MapDashboardAccountEndpoints();
        app.MapAdminArea();
        app.MapCallsArea();
        app.MapCampaignsArea();
        app.MapDndArea();
        app.MapChatArea();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null)   // the security headers send frame-ancestors 'none'
            .RequireDashboardPageAccess();
        return app;
    }

    /// <summary>Prepares the database, then runs until shutdown. Invalid configuration (options validation) ends the
    /// process with exit code 1 and one log line per problem, each naming the key to fix.</summary>
    public static async Task<int> RunDashboardAsync(this WebApplication app)
    {
        try
        {
            await DashboardDatabase.InitializeAsync(app.Services);
            await app.InitializeDashboardSecurityAsync();
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (ValidationFailures(exception) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
            {
                LogInvalidConfiguration(app.Logger, failure);
            }

            return 1;
        }
    }

    // The host reports start-up validation as an OptionsValidationException, alone or inside an AggregateException.
    private static List<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate when aggregate.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. aggregate.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures).Distinct()],
        _ => [],
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration, the dashboard cannot start: {Failure}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string failure);
}
