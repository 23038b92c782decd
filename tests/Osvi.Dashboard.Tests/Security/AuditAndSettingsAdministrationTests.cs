using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Phones;
using Osvi.Dashboard.Testing;
using Serilog.Events;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>The audit page's service and CSV endpoint, the retention purge on a fake clock, and the run-time settings,
/// through the real host.</summary>
public sealed class AuditAndSettingsAdministrationTests
{
    private static readonly CancellationToken s_ct = TestContext.Current.CancellationToken;
    private static readonly TimeZoneInfo s_ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public async Task Query_Filters_EachNarrowsToItsEntriesNewestFirst()
    {
        // 10 June 2026 and 12 June 2026, 12:00 IST.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 6, 30, 0, TimeSpan.Zero));
        await using var factory = new DashboardFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        var audit = factory.Services.GetRequiredService<IAuditLog>();
        await WriteAsync(audit, "asha", AuditCategories.Dnd, "dnd.add", "agent-1", AuditOutcome.Succeeded("added"), phone: "+919876543210");
        await WriteAsync(audit, "ravi", AuditCategories.Calls, "call.start", "call 7", new AuditOutcome(AuditResult.Failed, "OSVI said no", 422, "Validation"));
        clock.Advance(TimeSpan.FromDays(2));
        await WriteAsync(audit, "asha", AuditCategories.Users, "user.role", "ravi", new AuditOutcome(AuditResult.Refused, "not allowed"));
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin);
        var browser = scope.ServiceProvider.GetRequiredService<IAuditBrowser>();

        async Task<string[]> Actions(AuditFilter filter) =>
            [.. (await browser.QueryAsync(filter.ToQuery(s_ist), s_ct)).Value!.Items.Select(entry => entry.Action)];

        Assert.Equal<string>(["user.role", "call.start", "dnd.add"], await Actions(new AuditFilter()));
        Assert.Equal<string>(["user.role", "dnd.add"], await Actions(new AuditFilter { User = "ash" }));
        Assert.Equal<string>(["call.start"], await Actions(new AuditFilter { Category = AuditCategories.Calls }));
        Assert.Equal<string>(["user.role"], await Actions(new AuditFilter { Action = "user.role" }));
        Assert.Equal<string>(["call.start"], await Actions(new AuditFilter { Target = "call" }));
        Assert.Equal<string>(["dnd.add"], await Actions(new AuditFilter { Phone = "43210" }));
        Assert.Equal<string>(["call.start"], await Actions(new AuditFilter { Result = AuditResult.Failed }));
        Assert.Equal<string>(["user.role"], await Actions(new AuditFilter { From = new DateOnly(2026, 6, 11) }));
        var toTenth = await Actions(new AuditFilter { To = new DateOnly(2026, 6, 10) });
        Assert.Equal(["call.start", "dnd.add"], toTenth);
        Assert.Empty(await Actions(new AuditFilter { From = new DateOnly(2026, 6, 11), To = new DateOnly(2026, 6, 11) }));
        var paged = (await browser.QueryAsync(new AuditFilter().ToQuery(s_ist, skip: 1, take: 1), s_ct)).Value!;
        Assert.Equal<string>(["call.start"], paged.Items.Select(entry => entry.Action));
        Assert.Equal(3, paged.TotalCount);
    }

    [Fact]
    public void Filter_QueryString_RoundTripsAndIgnoresMalformedValues()
    {
        var filter = new AuditFilter { User = "asha", Category = "dnd", Result = AuditResult.Refused, From = new DateOnly(2026, 6, 1), To = new DateOnly(2026, 6, 12), Phone = "+91 987" };

        var parsed = AuditFilter.Parse(key => System.Web.HttpUtility.ParseQueryString(filter.ToQueryString())[key]);
        var malformed = AuditFilter.Parse(key => key switch { "result" => "Exploded", "from" => "12/06/2026", "user" => "  ", _ => null });

        Assert.Equal(filter, parsed);
        Assert.Equal(new AuditFilter(), malformed);
    }

    [Fact]
    public async Task ExportEndpoint_Admin_StreamsTheFilteredRowsAsCsvNeutralisesFormulasAndAuditsTheExport()
    {
        await using var factory = new DashboardFactory();
        var audit = factory.Services.GetRequiredService<IAuditLog>();
        await WriteAsync(audit, "asha", AuditCategories.Users, "user.create", "=HYPERLINK(\"http://evil\")", AuditOutcome.Succeeded("Created"));
        await WriteAsync(audit, "ravi", AuditCategories.Calls, "call.start", "call 7", AuditOutcome.Succeeded("call 7"));
        using var admin = factory.CreateClientAs(DashboardRoles.Admin, "ada");

        using var response = await admin.GetAsync("/audit/export.csv?category=users", s_ct);
        var csv = await response.Content.ReadAsStringAsync(s_ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"osvi-audit-", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(",", AuditBrowser.Columns), lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",asha,", row, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", row, StringComparison.Ordinal);
        Assert.DoesNotContain("call.start", csv, StringComparison.Ordinal);
        var export = await AccountTests.SingleAsync(factory, "audit.export");
        Assert.Equal(("ada", AuditResult.Succeeded, "1 rows exported."), (export.UserName, export.Result, export.Message));
        Assert.Contains("\"category\":\"users\"", export.ParametersJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task ExportAndQuery_NotAnAdministrator_RefusedOnTheEndpointAndInTheServiceAndLogged(string role)
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClientAs(role, "mallory");

        using var response = await client.GetAsync("/audit/export.csv", s_ct);
        await using var scope = factory.CreateScopeAs(role, "mallory");
        var browser = scope.ServiceProvider.GetRequiredService<IAuditBrowser>();
        using var sink = new MemoryStream();
        var query = await browser.QueryAsync(new AuditQuery(), s_ct);
        var export = await browser.ExportCsvAsync(new AuditQuery(), sink, s_ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("occurred_at_utc", await response.Content.ReadAsStringAsync(s_ct), StringComparison.Ordinal);
        Assert.NotNull(query.Refusal);
        Assert.NotNull(export.Refusal);
        Assert.Equal(0, sink.Length);
        var warnings = factory.Logs.Messages(LogEventLevel.Warning);
        Assert.Contains(warnings, message => message.Contains("/audit/export.csv", StringComparison.Ordinal) && message.Contains("mallory", StringComparison.Ordinal));
        Assert.Contains(warnings, message => message.Contains("audit.export", StringComparison.Ordinal) && message.Contains("mallory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retention_ClockPassesTheSetting_OldEntriesDeletedHourlyNewKeptPurgeAudited()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new DashboardFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        var audit = factory.Services.GetRequiredService<IAuditLog>();
        await using (var admin = factory.CreateScopeAs(DashboardRoles.Admin))
        {
            var saved = await admin.ServiceProvider.GetRequiredService<ISettingsAdministration>().UpdateAsync(new DashboardSettingsValues(true, 30), s_ct);
            Assert.True(saved.Succeeded);
        }

        await WriteAsync(audit, "asha", AuditCategories.Calls, "test.old", "old", AuditOutcome.Succeeded("old"));
        clock.Advance(TimeSpan.FromDays(20));
        await WriteAsync(audit, "asha", AuditCategories.Calls, "test.new", "new", AuditOutcome.Succeeded("new"));

        clock.Advance(TimeSpan.FromDays(11));   // old: 31 days, new: 11 days; the hourly timer fires

        await EventuallyAsync(async () => (await AccountTests.EntriesAsync(factory, "test.old")).Count == 0, "the hourly purge deletes the old entry");
        Assert.Single(await AccountTests.EntriesAsync(factory, "test.new"));
        var purge = await AccountTests.SingleAsync(factory, "audit.purge");
        Assert.Equal("system", purge.UserName);
        Assert.Equal("Deleted 2 entries older than 30 days.", purge.Message);   // test.old and the settings change before it
        Assert.Empty(await AccountTests.EntriesAsync(factory, "settings.change"));
    }

    [Fact]
    public async Task Retention_ZeroDays_KeepsEverything()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new DashboardFactory()
            .WithSetting(DashboardConfigNames.AuditRetentionDays, "0")
            .WithServices(services => services.AddSingleton<TimeProvider>(clock));
        var audit = factory.Services.GetRequiredService<IAuditLog>();
        await WriteAsync(audit, "asha", AuditCategories.Calls, "test.old", "old", AuditOutcome.Succeeded("old"));
        clock.Advance(TimeSpan.FromDays(4000));
        var retention = factory.Services.GetServices<IHostedService>().OfType<AuditRetention>().Single();

        Assert.Equal(0, await retention.PurgeAsync(s_ct));
        Assert.Single(await AccountTests.EntriesAsync(factory, "test.old"));
    }

    [Fact]
    public async Task Settings_AdminTurnsMaskingOff_ViewersSeeFullNumbersAtOnceAndTheChangeIsAudited()
    {
        const string phone = "+919876543210";
        await using var factory = new DashboardFactory();
        await using var viewer = factory.CreateScopeAs(DashboardRoles.Viewer);
        var display = viewer.ServiceProvider.GetRequiredService<IPhoneNumberDisplay>();
        var before = await display.ShowAsync(phone);

        await using (var admin = factory.CreateScopeAs(DashboardRoles.Admin, "ada"))
        {
            var settings = admin.ServiceProvider.GetRequiredService<ISettingsAdministration>();
            var saved = await settings.UpdateAsync(new DashboardSettingsValues(MaskPhoneNumbersForViewers: false, AuditRetentionDays: 365), s_ct);
            Assert.False(saved.Value!.Values.MaskPhoneNumbersForViewers);
            Assert.Equal(("ada", false), (saved.Value.Settings[0].UpdatedBy, saved.Value.Settings[0].IsDefault));
        }

        await using var laterViewer = factory.CreateScopeAs(DashboardRoles.Viewer);

        Assert.DoesNotContain("98765", before, StringComparison.Ordinal);
        Assert.EndsWith("3210", before, StringComparison.Ordinal);
        Assert.Equal("+91 98765 43210", await display.ShowAsync(phone));   // the open circuit, without reloading
        Assert.Equal("+91 98765 43210", await laterViewer.ServiceProvider.GetRequiredService<IPhoneNumberDisplay>().ShowAsync(phone));
        var entry = await AccountTests.SingleAsync(factory, "settings.change");
        Assert.Equal(("ada", AuditResult.Succeeded, DashboardSettingKeys.MaskPhoneNumbersForViewers), (entry.UserName, entry.Result, entry.Target));
        Assert.Contains("\"from\":true,\"to\":false", entry.ParametersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_RetentionOutOfRangeOrNotAnAdministrator_NothingSaved()
    {
        await using var factory = new DashboardFactory();
        await using var admin = factory.CreateScopeAs(DashboardRoles.Admin);
        await using var operatorScope = factory.CreateScopeAs(DashboardRoles.Operator, "mallory");
        var settings = admin.ServiceProvider.GetRequiredService<ISettingsAdministration>();

        var invalid = await settings.UpdateAsync(new DashboardSettingsValues(true, -1), s_ct);
        var refused = await operatorScope.ServiceProvider.GetRequiredService<ISettingsAdministration>().UpdateAsync(new DashboardSettingsValues(false, 365), s_ct);
        var read = await operatorScope.ServiceProvider.GetRequiredService<ISettingsAdministration>().GetAsync(s_ct);

        Assert.NotNull(invalid.Error!.ErrorFor("auditRetentionDays"));
        Assert.NotNull(refused.Refusal);
        Assert.NotNull(read.Refusal);
        Assert.Equal(new DashboardSettingsValues(true, 365), (await settings.GetAsync(s_ct)).Value!.Values);
        Assert.Equal([AuditResult.Failed, AuditResult.Refused], (await AccountTests.EntriesAsync(factory, "settings.change")).Select(entry => entry.Result));
    }

    private static Task<long> WriteAsync(IAuditLog audit, string user, string category, string action, string target, AuditOutcome outcome, string? phone = null) =>
        audit.WriteAsync(new AuditRecord { Category = category, Action = action, Target = target, Phone = phone, Source = "test" },
            new DashboardUser(user, "id-" + user, true, [DashboardRoles.Operator]), outcome, s_ct);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting: {because}");
            await Task.Delay(20, s_ct);
        }
    }
}
