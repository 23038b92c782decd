using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Hosting;
using Osvi.Simulator.World;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>The call log, a call's page and starting a call in a real chromium on demo mode (the embedded simulator on a
/// loopback port, reached through the real client), signed in as the demo operator through the real form.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class CallsTests(BrowserFixture browser, CallsTests.DemoDashboard dashboard) : IClassFixture<CallsTests.DemoDashboard>
{
    /// <summary>One demo dashboard for the whole class.</summary>
    public sealed class DemoDashboard : KestrelDashboardFactory
    {
        private string? _baseUrl;

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();

        public EmbeddedSimulator Embedded => Services.GetRequiredService<EmbeddedSimulator>();
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task FilterTheLog_OpenACall_PlayTheRecording_ClickATranscriptLine_TheAudioSeeks(string theme)
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, theme, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/calls");
        var rows = page.Page.Locator("#call-log tbody tr.osvi-call-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync($"calls-log-{theme}");
        await page.AssertAccessibleAsync("the call log");

        // The pager moves through the URL: the next page of the demo's calls, then its look at the bottom of the log.
        await page.Page.Locator("#calls-next-page").ClickAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]page=2"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#calls-page-info")).ToContainTextAsync("26-50 of ", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#calls-previous-page")).ToBeEnabledAsync();
        await page.Page.Locator("#calls-pager").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync($"calls-log-pager-{theme}");

        // The page size is a native select: a choice starts at the first page of that size, through the URL.
        await page.Page.Locator("#calls-per-page").SelectOptionAsync("50");
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]per_page=50"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#calls-page-info")).ToContainTextAsync("1-50 of ", new() { Timeout = 20_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(50, new() { Timeout = 20_000 });

        // The refresh button's tooltip (CSS, no component) shows on hover.
        await page.Page.Locator("#refresh").HoverAsync();
        await page.Page.WaitForFunctionAsync(
            "() => { const tip = getComputedStyle(document.querySelector('#refresh').closest('[data-osvi-tip]'), '::after'); return tip.content === '\"Load the list again\"' && tip.display !== 'none' && tip.visibility === 'visible' && tip.opacity === '1'; }",
            null, new() { Timeout = 10_000 });

        // Auto-refresh is a switch the keyboard works: Space turns it on and off.
        var autoRefresh = page.Page.Locator("#auto-refresh");
        await autoRefresh.FocusAsync();
        await page.Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(autoRefresh).ToBeCheckedAsync();
        await Assertions.Expect(page.Page.Locator(".osvi-call-actions .mud-switch-base")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-checked"));
        await page.Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(autoRefresh).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Page.Locator(".osvi-call-actions .mud-switch-base")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-checked"));

        // Filter by status with the chips: the URL carries it and every row shown has it.
        await page.Page.Locator(".osvi-status-chips [data-status=picked]").ClickAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]status=picked"), new() { Timeout = 20_000 });
        await Assertions.Expect(rows.First.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "picked", new() { Timeout = 20_000 });
        var statuses = await rows.Locator(".osvi-call-status").EvaluateAllAsync<string[]>("chips => chips.map(c => c.getAttribute('data-status'))");
        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.Equal("picked", status));

        // Open the first answered call with a click on a plain cell: the time cell's link covers the whole row.
        await rows.First.Locator("td:has([data-duration])").ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Page.Locator("#call-headline")).ToHaveTextAsync("Answered", new() { Timeout = 20_000 });
        var turns = page.Page.Locator(".osvi-turn");
        await Assertions.Expect(turns.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var audio = page.Page.Locator("audio#call-audio");
        await Assertions.Expect(audio).ToBeAttachedAsync();

        // Play: the audio's clock advances, and the line being spoken is marked.
        await page.Page.Locator("#play-toggle").ClickAsync();
        await page.Page.WaitForFunctionAsync("() => document.querySelector('#call-audio').currentTime > 1.5", null, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#play-toggle")).ToHaveAttributeAsync("data-state", "playing");

        // A click on a later transcript line seeks the audio to it.
        var count = await turns.CountAsync();
        var target = turns.Nth(Math.Min(3, count - 1));
        var start = double.Parse((await target.GetAttributeAsync("data-start"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(start > 3, $"the chosen line starts at {start} s");
        await target.Locator(".osvi-turn-time").ClickAsync();
        // The click travels through the circuit before the audio seeks: wait for it rather than read at once.
        await page.Page.WaitForFunctionAsync("start => document.querySelector('#call-audio').currentTime >= start - 0.5", start - 0.0, new() { Timeout = 20_000 });
        var position = await page.Page.EvaluateAsync<double>("() => document.querySelector('#call-audio').currentTime");
        Assert.InRange(position, start - 0.5, start + 3);
        await Assertions.Expect(target).ToHaveAttributeAsync("data-playing", "true", new() { Timeout = 10_000 });
        await page.Page.Locator("#play-toggle").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#play-toggle")).ToHaveAttributeAsync("data-state", "paused");
        await page.Page.Locator("#call-header").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync($"calls-detail-{theme}");
        await page.Page.Locator("#call-transcript").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync($"calls-detail-transcript-{theme}");

        // The page never shows the presigned URL.
        var html = await page.Page.ContentAsync();
        Assert.DoesNotContain("signature=", html, StringComparison.OrdinalIgnoreCase);
        await page.AssertNoErrorsAsync("a call's page");
        await page.AssertAccessibleAsync("a call's page");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task StartACall_ConfirmIt_TheNewCallsPageFollowsItToItsOutcome(string theme)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var before = await admin.RequestCountAsync("POST", "/v1/call");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, theme, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/calls");
        await page.Page.Locator("#new-call").ClickAsync();
        var dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Start a call" });
        await Assertions.Expect(dialog.Locator("#start-call-form")).ToBeVisibleAsync();

        // The agent picker (the form's first select) lists the active agents once the shared feed has them.
        var agentPicker = dialog.Locator(".mud-select").First;
        await Assertions.Expect(agentPicker.Locator("input").First).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await agentPicker.ClickAsync();
        await page.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Appointment Reminder" }).First.ClickAsync();
        var variant = theme == "light" ? 11 : 12;
        await dialog.GetByLabel("Phone number").FillAsync(OutcomeRules.NationalNumber(OutcomeRules.BusySuffix, variant));
        await Assertions.Expect(dialog).ToContainTextAsync("Will call " + OutcomeRules.E164(OutcomeRules.BusySuffix, variant));
        await dialog.GetByLabel("Person's name").FillAsync("Ravi Kumar");
        await page.ScreenshotAsync($"calls-start-dialog-{theme}");

        await dialog.Locator("#review-call").ClickAsync();
        dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Check and start the call" });
        await Assertions.Expect(dialog.Locator("#start-call-confirm")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("#confirm-number")).ToContainTextAsync(OutcomeRules.E164(OutcomeRules.BusySuffix, variant));
        await page.ScreenshotAsync($"calls-start-confirm-{theme}");
        await dialog.Locator("#start-call").DblClickAsync();

        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/calls/[0-9a-f-]{36}$"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#call-live")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Equal(before + 1, await admin.RequestCountAsync("POST", "/v1/call"));

        // The simulator's clock moves past the forced outcome; the page follows the shared feed to it by itself.
        await admin.AdvanceClockAsync(OutcomeRules.ForcedCallSettlesWithin);
        await Assertions.Expect(page.Page.Locator("#call-header .osvi-call-status")).ToHaveAttributeAsync("data-status", "busy", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Page.Locator("#call-live")).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator("#recording-none")).ToBeVisibleAsync();
        await page.AssertNoErrorsAsync("a started call's page");
    }

    [Fact]
    public async Task CallLog_ANewCallArrives_ItsRowGoesOnTopAndEveryOtherRowStaysTheSameElement()
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Viewer);
        await page.GotoAsync("/calls?per_page=100");
        var rows = page.Page.Locator("#call-log tbody tr.osvi-call-row");
        await Assertions.Expect(rows).ToHaveCountAsync(100, new() { Timeout = 20_000 });
        // Mark the row elements the browser holds now (a script property Blazor knows nothing about).
        var before = await rows.EvaluateAllAsync<string[]>("rows => rows.map(row => { row.e2eSeen = true; return row.querySelector('a[data-call-id]').dataset.callId; })");

        await admin.OsviAsync(HttpMethod.Post, "/v1/call", new { agent_uuid = await admin.AgentIdAsync("Appointment Reminder"), phone_number = OutcomeRules.NationalNumber(OutcomeRules.BusySuffix, 13), country_code = "IN" });
        await page.Page.Locator("#refresh").ClickAsync();

        // The new call's row is a new element on top; every call still on the page kept its element (rows keyed by call
        // id: the rows below move, they are not rewritten and sent again).
        await page.Page.WaitForFunctionAsync("() => { const top = document.querySelector('#call-log tbody tr.osvi-call-row'); return top && !top.e2eSeen; }", null, new() { Timeout = 20_000 });
        var after = await rows.EvaluateAllAsync<RowSeen[]>("rows => rows.map(row => ({ id: row.querySelector('a[data-call-id]').dataset.callId, seen: row.e2eSeen === true }))");
        Assert.DoesNotContain(after[0].Id, before);
        var stayed = after.Where(row => before.Contains(row.Id)).ToList();
        Assert.True(stayed.Count >= 90, $"{stayed.Count} of the first page's calls are still on it");
        Assert.All(stayed, row => Assert.True(row.Seen, $"the row of call {row.Id} was rendered again as a new element"));
        await page.AssertNoErrorsAsync("the call log after a new call");
    }

    [Fact]
    public async Task CallLog_PhoneNumberTypedKeyByKey_OneUrlChangeAfterThePauseAndTheFieldKeepsWhatWasTyped()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/calls?status=picked");
        await Assertions.Expect(page.Page.Locator("#call-log tbody tr.osvi-call-row, #calls-empty").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var entries = await page.Page.EvaluateAsync<int>("() => history.length");

        // Each key well inside the pause: the filter (a server-side timer) applies once, with the whole number, and the
        // renders in between never take a character from the field.
        var phone = page.Page.Locator("#filter-phone");
        await phone.PressSequentiallyAsync("98765", new() { Delay = 150 });
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]status=picked&phone_number=98765$"), new() { Timeout = 20_000 });
        await page.Page.WaitForTimeoutAsync(1_500);
        Assert.Equal(entries + 1, await page.Page.EvaluateAsync<int>("() => history.length"));
        await Assertions.Expect(phone).ToHaveValueAsync("98765");

        // A campaign id that is not one says so and leaves the URL as it was.
        await page.Page.Locator("#filter-campaign").FillAsync("abc");
        await Assertions.Expect(page.Page.Locator("#filter-campaign-helper-text")).ToHaveTextAsync("Not a valid number", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#filter-campaign")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.EndsWith("status=picked&phone_number=98765", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal(entries + 1, await page.Page.EvaluateAsync<int>("() => history.length"));
        await page.AssertNoErrorsAsync("the call log's typed filters");
    }

    [Fact]
    public async Task CallLog_TypedWithoutPauses_EveryKeyStaysInTheField()
    {
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/calls");
        await Assertions.Expect(page.Page.Locator("#call-log tbody tr.osvi-call-row, #calls-empty").First).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Keys faster than the round trip (no pause between them, on a link slowed by 200 ms): a render that wrote back
        // what an earlier key had typed used to take the keys typed since ("9876543210" came back as "96543210",
        // "policy renewals" as "po renewals").
        await using var cdp = await page.Page.Context.NewCDPSessionAsync(page.Page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 200, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
        var phone = page.Page.Locator("#filter-phone");
        await phone.PressSequentiallyAsync("9876543210");
        var agent = page.Page.Locator("#filter-agent");
        await agent.PressSequentiallyAsync("policy renewals");

        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]phone_number=9876543210"), new() { Timeout = 20_000 });
        await page.Page.WaitForTimeoutAsync(1_500);
        await Assertions.Expect(phone).ToHaveValueAsync("9876543210");
        await Assertions.Expect(agent).ToHaveValueAsync("policy renewals");
        await page.AssertNoErrorsAsync("typing fast on a slow link");
    }

    [Fact]
    public async Task CallLog_AnAgentTypedWithEnterAndAFromDayFilled_TheUrlAndTheRowsFollow()
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var renewals = await admin.AgentIdAsync("Policy Renewals");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Viewer);
        await page.GotoAsync("/calls");
        var rows = page.Page.Locator("#call-log tbody tr.osvi-call-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var everyone = await TotalAsync(page);

        // The agent field offers the active agents in its datalist; a name typed in any case and Enter is that agent.
        var agent = page.Page.Locator("#filter-agent");
        await Assertions.Expect(page.Page.Locator("#filter-agent-options option[value='Policy Renewals']")).ToBeAttachedAsync(new() { Timeout = 20_000 });
        // (Filled in one go: this test is about the name and Enter; typing key by key is CallLog_TypedWithoutPauses_EveryKeyStaysInTheField.)
        await agent.FillAsync("policy renewals");
        await agent.PressAsync("Enter");
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]agent_uuid=" + renewals + "$"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#calls-page-info")).Not.ToHaveTextAsync($"1-25 of {everyone}", new() { Timeout = 20_000 });
        await AssertEveryRowIsOfAsync(rows, renewals);
        var theirs = await TotalAsync(page);
        Assert.InRange(theirs, 1, everyone - 1);

        // A From day typed into the browser's date input (a week back, as an IST day): only later calls stay.
        var from = CallFilter.FormatDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(-7), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime));
        await page.Page.Locator("#filter-date-from").FillAsync(from);
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]agent_uuid={renewals}&start_date={from}$"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#calls-page-info")).Not.ToHaveTextAsync($"1-25 of {theirs}", new() { Timeout = 20_000 });
        await AssertEveryRowIsOfAsync(rows, renewals);
        Assert.InRange(await TotalAsync(page), 1, theirs - 1);
        await Assertions.Expect(agent).ToHaveValueAsync("policy renewals");
        await Assertions.Expect(page.Page.Locator("#filter-date-from")).ToHaveValueAsync(from);

        // Deleting one part of the day (to type it again) removes the bound and leaves the other parts to be typed; the
        // back button brings the day back into the field.
        await page.Page.Locator("#filter-date-from").FocusAsync();
        await page.Page.Keyboard.PressAsync("Backspace");
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]agent_uuid={renewals}$"), new() { Timeout = 20_000 });
        await page.ScreenshotAsync("calls-filters-day-part-deleted");
        await page.Page.GoBackAsync();
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]start_date={from}$"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#filter-date-from")).ToHaveValueAsync(from, new() { Timeout = 20_000 });

        // The link alone shows the same view: the agent by its name and the day in the field.
        await page.GotoAsync($"/calls?agent_uuid={renewals}&start_date={from}");
        await Assertions.Expect(agent).ToHaveValueAsync("Policy Renewals", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Page.Locator("#filter-date-from")).ToHaveValueAsync(from);
        await page.AssertNoErrorsAsync("the call log filtered by agent and day");
    }

    private static async Task<int> TotalAsync(DashboardBrowser page)
    {
        var info = await page.Page.Locator("#calls-page-info").TextContentAsync() ?? "";
        return int.Parse(info[(info.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertEveryRowIsOfAsync(ILocator rows, string agentId)
    {
        await Assertions.Expect(rows.First.Locator(".osvi-call-agent")).ToHaveAttributeAsync("title", agentId, new() { Timeout = 20_000 });
        var agents = await rows.Locator(".osvi-call-agent").EvaluateAllAsync<string[]>("cells => cells.map(c => c.getAttribute('title'))");
        Assert.NotEmpty(agents);
        Assert.All(agents, id => Assert.Equal(agentId, id));
    }

    private sealed class RowSeen
    {
        public string Id { get; set; } = "";

        public bool Seen { get; set; }
    }
}
