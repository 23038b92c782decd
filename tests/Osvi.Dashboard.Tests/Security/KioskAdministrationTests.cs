using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Data;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Security.Kiosk;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Security;

/// <summary>Kiosk links through the real service and the real host: the secret exists once (in the answer to the
/// creation), the database holds only its hash, revocation and expiry end an open wallboard, and only administrators
/// manage links.</summary>
public sealed class KioskAdministrationTests
{
    private static readonly CancellationToken s_ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Link_SecretShownOnceStoredOnlyHashedAndAudited()
    {
        await using var factory = new DashboardFactory();
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");
        var service = scope.ServiceProvider.GetRequiredService<IKioskAdministration>();

        var created = await service.CreateAsync(" Pune office TV ", null, s_ct);

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Equal(("Pune office TV", "ada", true, (DateTimeOffset?)null), (created.Value!.Link.Name, created.Value.Link.CreatedBy, created.Value.Link.IsActive, created.Value.Link.ExpiresAt));
        Assert.StartsWith("kiosk?key=", created.Value.RelativeUrl, StringComparison.Ordinal);
        var secret = created.Value.RelativeUrl["kiosk?key=".Length..];
        Assert.True(secret.Length >= 40, secret);

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(s_ct);
        var row = await db.KioskLinks.SingleAsync(s_ct);
        Assert.Equal(KioskLinkStore.Hash(secret), row.SecretHash);
        Assert.DoesNotContain(secret, row.SecretHash, StringComparison.Ordinal);

        // Listing never gives the secret back; the audit row does not hold it either.
        var listed = Assert.Single((await service.ListAsync(s_ct)).Value!);
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
        var entry = await AccountTests.SingleAsync(factory, "kiosk.create");
        Assert.Equal(("ada", "Pune office TV", AuditResult.Succeeded), (entry.UserName, entry.Target, entry.Result));
        Assert.DoesNotContain(secret, $"{entry.ParametersJson} {entry.Message}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_OpenWallboard_RefusedFromTheNextRequestAndTheLinkCannotReopen()
    {
        await using var factory = new DashboardFactory();
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin, "ada");
        var service = scope.ServiceProvider.GetRequiredService<IKioskAdministration>();
        var created = (await service.CreateAsync("Lobby", null, s_ct)).Value!;
        using var screen = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await screen.GetAsync("/" + created.RelativeUrl, s_ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync("/monitor", s_ct)).StatusCode);
        Assert.NotNull(Assert.Single((await service.ListAsync(s_ct)).Value!).LastUsedAt);

        var revoked = await service.RevokeAsync(created.Link.Id, s_ct);

        Assert.Equal(("ada", false), (revoked.Value!.RevokedBy, revoked.Value.IsActive));
        AssertRefused(await screen.GetAsync("/monitor", s_ct));
        using var again = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/" + created.RelativeUrl, s_ct);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("An administrator revoked this link.", await again.Content.ReadAsStringAsync(s_ct), StringComparison.Ordinal);
        Assert.Equal(AuditResult.Succeeded, (await AccountTests.SingleAsync(factory, "kiosk.revoke")).Result);
        var opens = await AccountTests.EntriesAsync(factory, "kiosk.open");
        Assert.Equal([(AuditResult.Succeeded, (string?)null), (AuditResult.Failed, "Revoked")], opens.Select(entry => (entry.Result, entry.ErrorKind)));
    }

    [Fact]
    public async Task Expiry_ClockPassesIt_OpenWallboardRefusedLinkShownExpiredAndCannotReopen()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new DashboardFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        await using var scope = factory.CreateScopeAs(DashboardRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<IKioskAdministration>();
        var past = await service.CreateAsync("Yesterday", clock.GetUtcNow().AddMinutes(-1), s_ct);
        var created = (await service.CreateAsync("Week-long event", clock.GetUtcNow().AddDays(7), s_ct)).Value!;
        using var screen = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await screen.GetAsync("/" + created.RelativeUrl, s_ct);
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync("/monitor", s_ct)).StatusCode);

        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.NotNull(past.Error!.ErrorFor("expiresAt"));
        AssertRefused(await screen.GetAsync("/monitor", s_ct));
        Assert.False(Assert.Single((await service.ListAsync(s_ct)).Value!).IsActive);
        using var again = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/" + created.RelativeUrl, s_ct);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("This link has expired.", await again.Content.ReadAsStringAsync(s_ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task EveryMethod_NotAnAdministrator_RefusedAndAudited(string role)
    {
        await using var factory = new DashboardFactory();
        long id;
        await using (var admin = factory.CreateScopeAs(DashboardRoles.Admin))
        {
            id = (await admin.ServiceProvider.GetRequiredService<IKioskAdministration>().CreateAsync("Lobby", null, s_ct)).Value!.Link.Id;
        }

        await using var scope = factory.CreateScopeAs(role, "mallory");
        var service = scope.ServiceProvider.GetRequiredService<IKioskAdministration>();

        Assert.NotNull((await service.ListAsync(s_ct)).Refusal);
        Assert.NotNull((await service.CreateAsync("Mine", null, s_ct)).Refusal);
        Assert.NotNull((await service.RevokeAsync(id, s_ct)).Refusal);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(s_ct);
        Assert.Equal([("Lobby", (DateTimeOffset?)null)], await db.KioskLinks.Select(link => new ValueTuple<string, DateTimeOffset?>(link.Name, link.RevokedAt)).ToListAsync(s_ct));
        Assert.Equal(("mallory", AuditResult.Refused), ((await AccountTests.EntriesAsync(factory, "kiosk.create")).Last().UserName, (await AccountTests.EntriesAsync(factory, "kiosk.create")).Last().Result));
        Assert.Equal(AuditResult.Refused, (await AccountTests.SingleAsync(factory, "kiosk.revoke")).Result);
    }

    // A kiosk whose link stopped is treated as signed out: sent to sign-in (a page) or answered 401.
    private static void AssertRefused(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true),
                $"{(int)response.StatusCode} {response.Headers.Location}");
        }
    }
}
