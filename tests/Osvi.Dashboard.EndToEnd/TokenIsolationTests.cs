using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Components.Layout;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Hosting;
using Osvi.Simulator.World;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Issue 8's proof that the OSVI token and presigned recording URLs stay on the server: one browser signs in
/// and uses every feature (every page, the call log's export, a call's recording played and downloaded, a call started,
/// a DND number added and removed, a chat session with operator commands, a contact upload, the audit export, the
/// wallboard through a kiosk link) while <see cref="TrafficCapture"/> records every HTTP response (headers and body),
/// every WebSocket frame both ways and every console message, and the host's logs are captured too.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class TokenIsolationTests(BrowserFixture browser)
{
    private const float Patience = 30_000;
    private const long Feedback = 11;

    [Fact]
    public async Task EveryPageAndFeature_UsedInTheBrowser_NoResponseFrameConsoleOrLogHoldsTheTokenOrAPresignedUrl()
    {
        await using var dashboard = new KestrelDashboardFactory();
        var baseUrl = dashboard.StartAndGetBaseUrl();
        var simulator = dashboard.Services.GetRequiredService<EmbeddedSimulator>();
        var token = simulator.ApiToken;
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, baseUrl, width: 1920, height: 1080);
        var capture = TrafficCapture.Attach(page.Context);
        await Session.SignInAsync(page.Page, baseUrl, DashboardRoles.Admin);

        // Every page of the menu.
        foreach (var item in NavigationItems.All)
        {
            await page.GotoAsync("/" + item.Href);
            await Assertions.Expect(page.Page.Locator("h1").First).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        // The call log and its export.
        await page.GotoAsync("/calls?status=picked");
        var rows = page.Page.Locator("#call-log tbody tr.osvi-call-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = Patience });
        var export = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#export-csv").ClickAsync());
        var exported = await File.ReadAllTextAsync((await export.PathAsync())!);
        Assert.Contains("picked", exported, StringComparison.Ordinal);

        // A call's page: play the recording, then download it.
        await rows.First.Locator("a.osvi-call-link").ClickAsync();
        await Assertions.Expect(page.Page.Locator("audio#call-audio")).ToBeAttachedAsync(new() { Timeout = Patience });
        var callId = page.Page.Url[(page.Page.Url.LastIndexOf('/') + 1)..];
        await page.Page.Locator("#play-toggle").ClickAsync();
        await page.Page.WaitForFunctionAsync("() => document.querySelector('#call-audio').currentTime > 1", null, new() { Timeout = Patience });
        await page.Page.Locator("#play-toggle").ClickAsync();
        var recording = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#download-recording").ClickAsync());
        var wav = await File.ReadAllBytesAsync((await recording.PathAsync())!);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));

        // What OSVI would hand out for that recording: a presigned URL that must never reach the browser.
        var presigned = await PresignedUrlAsync(simulator, callId);
        Assert.Contains("signature=", presigned, StringComparison.Ordinal);

        // Start a call (the dialog prefilled by the URL contract, then the confirm step).
        var agentId = simulator.Services.GetRequiredService<SimulatorWorld>().GetAccounts()
            .Single(account => account.Token == token).Agents.First(agent => agent.Name == "Appointment Reminder").Uuid;
        await page.GotoAsync($"/calls/new?agent_uuid={agentId}&phone_number=%2B919876540001&person_name=Isolation");
        var dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Start a call" });
        await Assertions.Expect(dialog.Locator("#review-call")).ToBeEnabledAsync(new() { Timeout = Patience });
        await dialog.Locator("#review-call").ClickAsync();
        await page.Page.Locator("#start-call").ClickAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/calls/[0-9a-f-]{36}$"), new() { Timeout = Patience });

        // DND: add a number, then remove it.
        await page.GotoAsync($"/dnd?agent_uuid={agentId}");
        await page.Page.Locator("#dnd-add").ClickAsync();
        var add = page.Page.Locator(".mud-dialog", new() { HasText = "Add a number to DND" });
        await add.GetByLabel("Phone number").FillAsync("098615 49999");
        await Assertions.Expect(add.Locator("#dnd-add-e164 [data-e164]")).ToHaveTextAsync("+919861549999");
        await page.Page.Locator("#dnd-add-submit").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-grid [data-phone='+919861549999']")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Page.Locator("#dnd-tabs").GetByLabel("Search numbers").FillAsync("61549999");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToHaveAttributeAsync("data-total", "1", new() { Timeout = Patience });
        await page.Page.Locator("#dnd-grid .osvi-dnd-remove").ClickAsync();
        await page.Page.Locator("#dnd-remove-confirm").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#dnd-no-match")).ToBeVisibleAsync(new() { Timeout = Patience });

        // Chat: a session started as the customer, taken over, told, whispered to, closed.
        var chatAgent = simulator.Services.GetRequiredService<SimulatorWorld>().GetAccounts()
            .Single(account => account.Token == token).Agents.Single(agent => agent.Name == "Order Help Chat").Uuid;
        await page.GotoAsync($"/chat?agent_uuid={chatAgent}&customer_id=cust-isolation");
        await Assertions.Expect(page.Page.Locator("#chat-no-session")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Page.Locator("#chat-first-message-input").FillAsync("Where is my order?");
        await page.Page.Locator("#chat-first-message-input").PressAsync("Enter");
        var timeline = page.Page.Locator("#chat-timeline");
        await Assertions.Expect(timeline.Locator("[data-kind=agent]").Last).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Page.Locator("#chat-composer label[data-kind=Whisper]").ClickAsync();
        await page.Page.Locator("#chat-composer-input").FillAsync("Offer free shipping.");
        await page.Page.Locator("#chat-composer-input").PressAsync("Enter");
        await Assertions.Expect(timeline.Locator("[data-kind=whisper]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Page.Locator("#chat-takeover").ClickAsync();
        await Assertions.Expect(timeline.Locator("[data-kind=takeover]")).ToBeVisibleAsync(new() { Timeout = Patience });

        // A contact upload to a watched campaign.
        await page.GotoAsync("/campaigns");
        await page.Page.Locator("#watch-campaign-id").FillAsync(Feedback.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Page.Locator("#watch-submit").ClickAsync();
        await page.Page.Locator($"tr[data-campaign-id='{Feedback}'] a[href='campaigns/{Feedback}/upload']").ClickAsync(new() { Timeout = Patience });
        await page.WaitInteractiveAsync();
        await page.ChooseFileAsync("#contacts-file", new FilePayload
        {
            Name = "contacts.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("phone,person_name\n9876512345,Asha Verma\n9845099887,Ravi Kumar\n"),
        });
        await Assertions.Expect(page.Page.Locator("#contact-preview")).ToHaveAttributeAsync("data-ready", "2", new() { Timeout = Patience });
        await page.Page.Locator("#review-send").ClickAsync();
        await page.Page.Locator("#confirm-send").ClickAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Page.Locator("#upload-report")).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = Patience });

        // The audit log and its export (every action above is in it).
        await page.GotoAsync("/audit");
        var audit = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#audit-export").ClickAsync());
        var auditCsv = await File.ReadAllTextAsync((await audit.PathAsync())!);
        foreach (var action in new[] { "call.start", "dnd.add", "dnd.remove", "recording.play", "recording.download", "campaign.contacts.upload" })
        {
            Assert.Contains(action, auditCsv, StringComparison.Ordinal);
        }

        // The wallboard through a kiosk link, in the same captured context.
        await using (var scope = dashboard.CreateScopeAs(DashboardRoles.Admin))
        {
            var link = await scope.ServiceProvider.GetRequiredService<IKioskAdministration>().CreateAsync("Isolation TV", null, CancellationToken.None);
            Assert.True(link.Succeeded);
            var wall = await page.Context.NewPageAsync();
            await wall.GotoAsync($"{baseUrl}/{link.Value.RelativeUrl}");
            await Assertions.Expect(wall.Locator(".osvi-wall")).ToBeVisibleAsync(new() { Timeout = Patience });
            await wall.CloseAsync();
        }

        // Positive controls: the capture saw the circuit's frames, the dashboard's own recording address and the export.
        Assert.True(capture.Responses > 30 && capture.Frames > 100, $"captured {capture.Responses} responses and {capture.Frames} frames");
        Assert.True(await capture.SawAsync("recordings/" + callId), "the dashboard's own recording address is captured");
        Assert.True(await capture.SawAsync("Where is my order?", "ws "), "the chat message travelled through the circuit");

        var presignedPath = new Uri(presigned).GetLeftPart(UriPartial.Path);
        Assert.Empty(await capture.FindAsync(token, presigned, presignedPath, "signature=", "API-Token"));
        // Only the audio stream may be left unread (the player stops reading it part-way); every other body is checked.
        Assert.All(capture.Unfinished, where => Assert.Contains($"/recordings/{callId}", where, StringComparison.Ordinal));
        var logs = dashboard.Logs.Text;
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("signature=", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(presignedPath, logs, StringComparison.Ordinal);
    }

    private static async Task<string> PresignedUrlAsync(EmbeddedSimulator simulator, string callId)
    {
        using var osvi = new HttpClient { BaseAddress = simulator.BaseUrl };
        osvi.DefaultRequestHeaders.Add("API-Token", simulator.ApiToken);
        var body = await osvi.GetFromJsonAsync<JsonElement>($"v1/call/{callId}/recording");
        return body.GetProperty("data").GetProperty("recording_url").GetString()!;
    }
}
