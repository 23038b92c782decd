using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Campaigns;
using Osvi.Dashboard.Testing;
using Osvi.Simulator.Diagnostics;
using Osvi.Simulator.Faults;
using Osvi.Simulator.Hosting;

namespace Osvi.Dashboard.EndToEnd;

/// <summary>Every page under the simulator's injected faults in a real chromium: 2 s latency, 30 % server errors, 429
/// with Retry-After, dropped connections and a token that becomes invalid. The page stays usable, says what is wrong
/// (never a stack trace or Blazor's error bar), keeps what the user typed, and recovers once the fault is removed; an
/// action that meets a fault is reported once and never resent (counted at the simulator). Every browser signs in
/// as the demo operator.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class FaultTests(BrowserFixture browser, FaultTests.FaultyDashboard dashboard) : IClassFixture<FaultTests.FaultyDashboard>
{
    /// <summary>Refresh interval of the pages in these tests.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The watched campaign of the campaign pages and the wallboard ("June Renewals Drive").</summary>
    private const long Watched = 7;

    /// <summary>The campaign contacts are uploaded to ("Post-visit Feedback").</summary>
    private const long UploadTo = 11;

    private const string ContactsRoute = "/v1/campaigns/{id}/contacts";

    /// <summary>A demo dashboard with a short refresh interval, one GET retry and a circuit breaker that opens and
    /// closes within seconds, so a fault's start and end show within a test's patience; the wallboard turns stale after
    /// 6 s without an answer, and contacts are sent in batches of 2.</summary>
    public sealed class FaultyDashboard : KestrelDashboardFactory
    {
        private readonly SemaphoreSlim _setUp = new(1, 1);
        private string? _baseUrl;
        private string? _answeredCall;

        public FaultyDashboard()
        {
            WithSetting("OsviApi:MaxRetries", "1");
            WithSetting("OsviApi:RetryBaseDelay", "00:00:00.200");
            WithSetting("OsviApi:MaxRetryAfter", "00:00:01");
            WithSetting("OsviApi:AttemptTimeout", "00:00:04");
            WithSetting("OsviApi:TotalTimeout", "00:00:08");
            WithSetting("OsviApi:CircuitBreakerBreakDuration", "00:00:02");
            WithSetting($"{DashboardConfigNames.LiveIntervals}:{AgentCallsTodayFetcher.FeedName}", "00:00:02");
            WithSetting(CampaignConfigNames.StaleAfter, "00:00:06");
            WithSetting(CampaignConfigNames.BatchSize, "2");
        }

        public string BaseUrl => _baseUrl ??= StartAndGetBaseUrl();

        public EmbeddedSimulator Embedded => Services.GetRequiredService<EmbeddedSimulator>();

        public FaultStore Faults => Embedded.Services.GetRequiredService<FaultStore>();

        public long Count(string method, string route) => Embedded.Services.GetRequiredService<RequestLog>().Count(method, route);

        /// <summary>Watches <see cref="Watched"/> through the dashboard's own service (once) and returns the id of an
        /// answered call (it has a transcript), read through the calls service.</summary>
        public async Task<string> SetUpAsync()
        {
            _ = BaseUrl;
            await _setUp.WaitAsync();
            try
            {
                if (_answeredCall is null)
                {
                    await using var scope = CreateScopeAs(DashboardRoles.Operator);
                    var watch = await scope.ServiceProvider.GetRequiredService<IWatchedCampaignsService>().WatchAsync(Watched, null, CancellationToken.None);
                    Assert.True(watch.Succeeded, $"watching campaign {Watched}: {watch.Error?.Message}");
                    var calls = await scope.ServiceProvider.GetRequiredService<ICallsService>()
                        .ListCallsAsync(new CallFilter { Statuses = [CallStatus.Picked] }, 1, 1, CancellationToken.None);
                    Assert.True(calls.Succeeded, $"listing answered calls: {calls.Error?.Message}");
                    _answeredCall = calls.Value.Items[0].CallId;
                }

                return _answeredCall;
            }
            finally
            {
                _setUp.Release();
            }
        }

        public override async ValueTask DisposeAsync()
        {
            _setUp.Dispose();
            await base.DisposeAsync();
        }
    }

    /// <summary>One page under the faults.</summary>
    /// <param name="Name">Its name in failure messages and screenshots.</param>
    /// <param name="Path">Where it is.</param>
    /// <param name="Ready">What shows its data.</param>
    private sealed record FaultPage(string Name, string Path, string Ready)
    {
        /// <summary>The field the user types into before the fault (its text must survive the fault).</summary>
        public string? TypedInto { get; init; }

        public string Typed { get; init; } = "";

        /// <summary>False for the wallboard: no app bar, so no connection indicator; it says "stale" instead.</summary>
        public bool AppBar { get; init; } = true;

        /// <summary>What says on the page itself that the latest reads failed, while every request fails; gone once the
        /// page has recovered.</summary>
        public string? Says { get; init; }

        /// <summary>A read the user starts under the fault.</summary>
        public Func<IPage, Task>? Read { get; init; }

        /// <summary>What shows the read's outcome: its result or a clear message.</summary>
        public string? ReadOutcome { get; init; }

        /// <summary>The "Try again" a failed read leaves, clicked once the fault is gone.</summary>
        public string? Retry { get; init; }

        /// <summary>The "last updated" element whose time must move on once the fault is gone.</summary>
        public string? Updated { get; init; }

        /// <summary>Never shown, under any fault.</summary>
        public string? Never { get; init; }
    }

    public static TheoryData<string> Faults => new("latency", "errors30", "rate-limit", "dropped", "token-invalid");

    /// <summary>Every page, each in its own tab (its own circuit) of one signed-in browser, under one fault at a time: each
    /// page × fault pair is asserted, and a failure names every pair that failed.</summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Pages_UnderFault_StayUsable_SayWhatIsWrong_KeepTypedText_Recover(string fault)
    {
        var callId = await dashboard.SetUpAsync();
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var pages = await PagesAsync(admin, fault, callId);
        var failures = new List<string>();
        await using var first = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        var tabs = new List<(FaultPage Page, DashboardBrowser Tab)>();
        try
        {
            foreach (var page in pages)
            {
                var tab = tabs.Count == 0 ? first : await first.NewTabAsync();
                tabs.Add((page, tab));
                await tab.GotoAsync(page.Path);
                await Assertions.Expect(tab.Page.Locator(page.Ready).First).ToBeVisibleAsync(new() { Timeout = 30000 });
                if (page.AppBar)
                {
                    await Assertions.Expect(tab.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", "reachable", new() { Timeout = 30000 });
                }

                if (page.TypedInto is not null)
                {
                    await tab.Page.Locator(page.TypedInto).FillAsync(page.Typed);
                }
            }

            var updated = new Dictionary<string, string?>();
            dashboard.Faults.Add(Rule(fault));
            try
            {
                if (ExpectedState(fault) is null)
                {
                    // Slow or partly failing: keep using the pages for a few refresh intervals.
                    await first.Page.WaitForTimeoutAsync((int)(Interval * 3).TotalMilliseconds);
                }

                foreach (var (page, tab) in tabs)
                {
                    await CheckAsync(failures, tab, $"{page.Name} under {fault}", async where =>
                    {
                        if (ExpectedState(fault) is { } state)
                        {
                            // A fault that fails every request: the app bar says which (the wallboard: stale), and so does the page.
                            var shown = page.AppBar ? tab.Page.Locator($"#osvi-connection[data-state={state}]") : tab.Page.Locator(".osvi-wall[data-stale=true]");
                            await Assertions.Expect(shown).ToBeVisibleAsync(new() { Timeout = 20000 });
                        }

                        if (page.Read is not null)
                        {
                            // A read the user starts under the fault: a clear message (or the data, when it got through), never a crash.
                            await page.Read(tab.Page);
                            await Assertions.Expect(tab.Page.Locator(page.ReadOutcome!).First).ToBeVisibleAsync(new() { Timeout = 30000 });
                        }

                        if (ExpectedState(fault) is not null && page.Says is not null)
                        {
                            await Assertions.Expect(tab.Page.Locator(page.Says).First).ToBeVisibleAsync(new() { Timeout = 20000 });
                        }

                        await AssertUsableAsync(tab, page, where);
                        await tab.ScreenshotAsync($"fault-{page.Name}-{fault}");
                        updated[page.Name] = page.Updated is null ? null : await tab.Page.Locator(page.Updated).GetAttributeAsync("data-updated");
                    });
                }
            }
            finally
            {
                dashboard.Faults.Clear();
            }

            foreach (var (page, tab) in tabs)
            {
                await CheckAsync(failures, tab, $"{page.Name} after {fault}", async where =>
                {
                    // Recovery: the next poll after the fault ends (one interval, plus the breaker's 2 s when it had opened).
                    if (page.AppBar)
                    {
                        await Assertions.Expect(tab.Page.Locator("#osvi-connection")).ToHaveAttributeAsync("data-state", "reachable",
                            new() { Timeout = (float)(Interval * 2 + TimeSpan.FromSeconds(2 + 6)).TotalMilliseconds });
                    }

                    if (page.Retry is not null && await tab.Page.Locator(page.Retry).CountAsync() > 0)
                    {
                        await tab.Page.Locator(page.Retry).First.ClickAsync();
                    }

                    if (page.Says is not null)
                    {
                        await Assertions.Expect(tab.Page.Locator(page.Says)).ToHaveCountAsync(0, new() { Timeout = 15000 });
                    }

                    if (page.Updated is not null)
                    {
                        await Assertions.Expect(tab.Page.Locator(page.Updated)).Not.ToHaveAttributeAsync("data-updated", updated.GetValueOrDefault(page.Name) ?? "",
                            new() { Timeout = 15000 });
                    }

                    await Assertions.Expect(tab.Page.Locator(page.Ready).First).ToBeVisibleAsync(new() { Timeout = 15000 });
                    await AssertUsableAsync(tab, page, where);
                });
            }
        }
        finally
        {
            foreach (var (_, tab) in tabs.Skip(1))
            {
                await tab.DisposeAsync();
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {pages.Count * 2} checks under {fault} failed:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("dropped")]
    public async Task DndAdd_MeetsAFault_IsReportedOnce_NotResent_DialogKeepsTheInput(string fault)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var agent = await admin.AgentIdAsync("Appointment Reminder");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Operator, $"/dnd?agent_uuid={agent}");
        await Assertions.Expect(page.Page.Locator("#dnd-total")).ToBeVisibleAsync(new() { Timeout = 30000 });
        await page.Page.Locator("#dnd-add").ClickAsync();
        var dialog = page.Page.Locator(".mud-dialog", new() { HasText = "Add a number to DND" });
        var number = fault == "error" ? "98617 40001" : "98617 40002";
        await dialog.GetByLabel("Phone number").FillAsync(number);
        await dialog.GetByLabel("Reason (optional)").FillAsync("asked under a fault");

        await SentOnceUnderFaultAsync(page, "/v1/dnd_numbers", 1, [ActionRule(fault, "/v1/dnd_numbers")], async () =>
        {
            await page.Page.Locator("#dnd-add-submit").ClickAsync();
            await Assertions.Expect(dialog.Locator(".osvi-error, [data-outcome=unknown]").First).ToBeVisibleAsync(new() { Timeout = 30000 });
            await Assertions.Expect(dialog).ToContainTextAsync(fault == "error" ? "OSVI had an internal error" : "outcome unknown",
                new() { Timeout = 5000, IgnoreCase = true });
        }, async () =>
        {
            await Assertions.Expect(dialog.GetByLabel("Phone number")).ToHaveValueAsync(number);
            await Assertions.Expect(dialog.GetByLabel("Reason (optional)")).ToHaveValueAsync("asked under a fault");
            await page.ScreenshotAsync($"fault-dnd-add-{fault}");
            await AssertUsableAsync(page, null, $"DND add under {fault}");
        });
    }

    [Theory]
    [InlineData("error")]
    [InlineData("dropped")]
    public async Task ChatMessage_MeetsAFault_IsReportedOnce_NotResent_TextKept(string fault)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var agent = await admin.AgentIdAsync("Order Help Chat");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl);
        await Session.SignInAsync(page.Page, dashboard.BaseUrl, DashboardRoles.Operator, $"/chat?agent_uuid={agent}&customer_id=fault-action-{fault}");
        var input = page.Page.Locator("#chat-first-message-input");
        await Assertions.Expect(input).ToBeVisibleAsync(new() { Timeout = 30000 });
        await input.FillAsync("Where is my order?");

        await SentOnceUnderFaultAsync(page, "/v1/chat/inbound", 1, [ActionRule(fault, "/v1/chat/inbound")], async () =>
        {
            await page.Page.Locator("#chat-first-message-send").ClickAsync();
            await Assertions.Expect(page.Page.Locator("#chat-first-message .osvi-error, #chat-no-session .osvi-error").First).ToBeVisibleAsync(new() { Timeout = 30000 });
        }, async () =>
        {
            await Assertions.Expect(input).ToHaveValueAsync("Where is my order?");
            await page.ScreenshotAsync($"fault-chat-send-{fault}");
            await AssertUsableAsync(page, null, $"chat send under {fault}");
        });
    }

    /// <summary>The call page's player while OSVI's recording lookup or its storage fails: the page says why in place of
    /// the player (the dashboard's own words, never an error bar), and the recording loads again once the fault is gone.</summary>
    [Theory]
    [InlineData("storage-500", "The recording storage answered HTTP 500.")]
    [InlineData("storage-dropped", "The recording storage could not be reached.")]
    [InlineData("lookup-401", "Could not load the recording")]
    public async Task RecordingPlayer_MeetsAFault_SaysWhyInPlaceOfThePlayer_LoadsOnceItIsGone(string fault, string says)
    {
        var callId = await dashboard.SetUpAsync();
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        var rule = fault switch
        {
            "storage-500" => new FaultRule(FaultKinds.Error, "GET", PathPrefix: "/recordings/"),
            "storage-dropped" => new FaultRule(FaultKinds.Abort, "GET", PathPrefix: "/recordings/"),
            _ => new FaultRule(FaultKinds.Error, "GET", Route: "/v1/call/{id}/recording", StatusCode: 401),
        };
        var player = page.Page.Locator("#recording");
        // Other tests played this call: forget its presigned URL so the page asks OSVI for one under the fault.
        dashboard.Services.GetRequiredService<RecordingUrlCache>().Invalidate(callId);
        var faultId = dashboard.Faults.Add(rule).Id;
        try
        {
            await page.GotoAsync($"/calls/{callId}");
            await Assertions.Expect(player.Locator("#recording-failed, .osvi-error").First).ToBeVisibleAsync(new() { Timeout = 30000 });
            await Assertions.Expect(player).ToContainTextAsync(says, new() { Timeout = 5000 });
            Assert.Equal(0, await player.Locator("audio").CountAsync());
            await page.ScreenshotAsync($"fault-recording-{fault}");
            await AssertOnlyTheRecordingFailedAsync(page, $"recording player under {fault}");
        }
        finally
        {
            dashboard.Faults.Remove(faultId);
        }

        await player.Locator("#recording-retry, .osvi-error-retry").First.ClickAsync();
        await page.Page.WaitForFunctionAsync("() => { const audio = document.querySelector('#call-audio'); return audio && audio.readyState >= 1 && audio.duration > 0; }",
            null, new() { Timeout = 30000 });
        await Assertions.Expect(player.Locator("#recording-failed, .osvi-error")).ToHaveCountAsync(0);
        await AssertOnlyTheRecordingFailedAsync(page, $"recording player after {fault}");
    }

    /// <summary>The start-call dialog from the call log: the POST meets the fault, is sent once, the dialog says so once
    /// (OSVI's own text for an error; "outcome unknown" either way, as OSVI may have placed the call), blocks sending again
    /// until the user says they checked the log, and keeps everything typed.</summary>
    [Theory]
    [InlineData("error")]
    [InlineData("dropped")]
    public async Task StartCall_MeetsAFault_IsReportedOnce_NotResent_DialogKeepsTheInput(string fault)
    {
        _ = dashboard.BaseUrl;
        using var admin = SimulatorAdmin.For(dashboard.Embedded.BaseUrl);
        var agent = await admin.AgentIdAsync("Appointment Reminder");
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync("/calls");
        await page.Page.Locator("#new-call").ClickAsync();
        // The one dialog open (its title follows the step).
        var dialog = page.Page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator("#call-agent")).ToBeEnabledAsync(new() { Timeout = 30000 });
        await dialog.Locator(".mud-select").First.ClickAsync();
        await page.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Appointment Reminder" }).First.ClickAsync();
        var number = fault == "error" ? "98617 50001" : "98617 50002";
        await dialog.GetByLabel("Phone number").FillAsync(number);
        await dialog.GetByLabel("Person's name").FillAsync("Asha under a fault");
        await dialog.Locator("#review-call").ClickAsync();
        await Assertions.Expect(dialog.Locator("#start-call-confirm")).ToBeVisibleAsync(new() { Timeout = 30000 });

        var error = dialog.Locator("#start-call-error");
        await SentOnceUnderFaultAsync(page, "/v1/call", 1, [ActionRule(fault, "/v1/call")], async () =>
        {
            await dialog.Locator("#start-call").ClickAsync();
            await Assertions.Expect(error).ToBeVisibleAsync(new() { Timeout = 30000 });
        }, async () =>
        {
            await Assertions.Expect(error.Locator(".osvi-error")).ToHaveCountAsync(1);
            await Assertions.Expect(error).ToContainTextAsync("outcome is unknown");
            await Assertions.Expect(error).ToContainTextAsync(fault == "error" ? "OSVI answered HTTP 500: “Internal server error”" : "OSVI could not be reached");
            await Assertions.Expect(dialog.Locator("#start-call-unknown")).ToContainTextAsync("Check the call log");
            // Not by itself, and not by a second click: sending again waits until the user says they checked the log.
            await Assertions.Expect(dialog.Locator("#start-call")).ToBeDisabledAsync();
            await page.ScreenshotAsync($"fault-start-call-{fault}");
            await AssertUsableAsync(page, null, $"starting a call under {fault}");

            // Everything typed is still in the form.
            await dialog.Locator("#start-call-back").ClickAsync();
            await Assertions.Expect(dialog.GetByLabel("Phone number")).ToHaveValueAsync(number);
            await Assertions.Expect(dialog.GetByLabel("Person's name")).ToHaveValueAsync("Asha under a fault");
            await Assertions.Expect(dialog.Locator("#call-agent")).ToHaveValueAsync(agent);
            await Assertions.Expect(dialog.Locator(".mud-select").First).ToContainTextAsync("Appointment Reminder");
        });
    }

    /// <summary>A contact upload in batches of 2 (5 contacts, 3 batches): the first batch goes through, the second meets the
    /// fault. Each batch is sent exactly once, the third never; the report names the batch that went through (with its
    /// upload id), the failed one (OSVI's text, or "no answer" for a dropped connection) and the one not sent.</summary>
    [Theory]
    [InlineData("error")]
    [InlineData("dropped")]
    public async Task UploadBatch_MeetsAFault_IsReportedWithWhatWentThrough_NotResent(string fault)
    {
        _ = dashboard.BaseUrl;
        await using var page = await DashboardBrowser.OpenAsync(browser.Browser, dashboard.BaseUrl, signInAs: DashboardRoles.Operator);
        await page.GotoAsync($"/campaigns/{UploadTo}/upload");
        var contacts = fault == "error"
            ? "phone,person_name\n9876510001,Asha\n9876510002,Bala\n9876510003,Chitra\n9876510004,Dev\n9876510005,Esha\n"
            : "phone,person_name\n9876520001,Farah\n9876520002,Gopal\n9876520003,Hema\n9876520004,Isha\n9876520005,Jai\n";
        await page.ChooseFileAsync("#contacts-file", new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(contacts) });
        await Assertions.Expect(page.Page.Locator("#contact-preview")).ToHaveAttributeAsync("data-ready", "5", new() { Timeout = 30000 });
        await page.Page.Locator("#review-send").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#confirm-send")).ToContainTextAsync("Send 3 batches", new() { Timeout = 30000 });

        // The first upload request passes untouched; the next one meets the fault. Batch 1 is sent once, batch 2 once, batch 3 never.
        var report = page.Page.Locator("#upload-report");
        FaultRule[] rules = [new FaultRule(FaultKinds.Latency, Method: "POST", Route: ContactsRoute, Times: 1), ActionRule(fault, ContactsRoute)];
        await SentOnceUnderFaultAsync(page, ContactsRoute, 2, rules, async () =>
        {
            await page.Page.Locator("#confirm-send").ClickAsync();
            await Assertions.Expect(report).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 30000 });
        }, async () =>
        {
            await Assertions.Expect(report).ToHaveAttributeAsync("data-sent", "1");
            await Assertions.Expect(report.Locator("tr[data-batch='1']")).ToHaveAttributeAsync("data-state", "sent");
            await Assertions.Expect(report.Locator("tr[data-batch='2']")).ToHaveAttributeAsync("data-state", fault == "error" ? "failed" : "outcomeunknown");
            await Assertions.Expect(report.Locator("tr[data-batch='3']")).ToHaveAttributeAsync("data-state", "notsent");
            var outcome = page.Page.Locator("#report-outcome");
            await Assertions.Expect(outcome).ToContainTextAsync(fault == "error"
                ? "Batch 2 of 3 failed: OSVI did not store it"
                : "Batch 2 of 3: no answer from OSVI, so it may or may not have been stored");
            if (fault == "error")
            {
                await Assertions.Expect(outcome).ToContainTextAsync("OSVI answered HTTP 500: “Internal server error”");
            }

            await Assertions.Expect(outcome).ToContainTextAsync(new Regex(@"Batch 1 went through \(upload #\d+, 2 contacts\)\. Batch 3 was not sent\."));
            await Assertions.Expect(outcome).ToContainTextAsync("Nothing was sent twice");
            await Assertions.Expect(page.Page.Locator(".osvi-error")).ToHaveCountAsync(1);
            await outcome.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync($"fault-upload-{fault}");
            await AssertUsableAsync(page, null, $"an upload under {fault}");
        });
    }

    /// <summary>Runs an action whose POSTs to <paramref name="route"/> meet <paramref name="rules"/>, then proves it reached
    /// the simulator exactly <paramref name="sends"/> more times: after its message showed, two refresh intervals later
    /// (<paramref name="then"/> checks the page meanwhile) and two more after the fault is gone — nothing is resent.</summary>
    private async Task SentOnceUnderFaultAsync(DashboardBrowser page, string route, int sends, FaultRule[] rules, Func<Task> act, Func<Task> then)
    {
        var before = dashboard.Count("POST", route);
        foreach (var rule in rules)
        {
            dashboard.Faults.Add(rule);
        }

        try
        {
            await act();
            await page.Page.WaitForTimeoutAsync((int)(Interval * 2).TotalMilliseconds);
            Assert.Equal(before + sends, dashboard.Count("POST", route));
            await then();
        }
        finally
        {
            dashboard.Faults.Clear();
        }

        await page.Page.WaitForTimeoutAsync((int)(Interval * 2).TotalMilliseconds);
        Assert.Equal(before + sends, dashboard.Count("POST", route));
    }

    private static FaultRule Rule(string fault) => fault switch
    {
        "latency" => new FaultRule(FaultKinds.Latency, PathPrefix: "/v1", LatencyMs: 2000),
        "errors30" => new FaultRule(FaultKinds.Error, PathPrefix: "/v1", Probability: 0.3),
        "rate-limit" => new FaultRule(FaultKinds.RateLimit, PathPrefix: "/v1", RetryAfterSeconds: 5),
        "dropped" => new FaultRule(FaultKinds.Abort, PathPrefix: "/v1"),
        "token-invalid" => new FaultRule(FaultKinds.Error, PathPrefix: "/v1", StatusCode: 401),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>An action's request meets a 500 ("error") or a dropped connection ("dropped").</summary>
    private static FaultRule ActionRule(string fault, string route) =>
        new(fault == "error" ? FaultKinds.Error : FaultKinds.Abort, Method: "POST", Route: route);

    private static string? ExpectedState(string fault) => fault switch
    {
        "rate-limit" => "degraded",
        "dropped" => "unreachable",
        "token-invalid" => "token-rejected",
        _ => null,
    };

    /// <summary>The pages under test (the data table of the theory).</summary>
    private static async Task<IReadOnlyList<FaultPage>> PagesAsync(SimulatorAdmin admin, string fault, string callId) =>
    [
        new("overview", "/", "#stat-active-agents") { Updated = "#last-updated", Says = "#last-updated.osvi-updated--stale" },
        new("dnd", $"/dnd?agent_uuid={await admin.AgentIdAsync("Policy Renewals")}", "#dnd-total")
        {
            TypedInto = "#dnd-tabs input[type=text] >> nth=0",
            Typed = "98765",
            Read = async page =>
            {
                // The field waits for typing to pause before it searches (and sends nothing when the text ends where it
                // started): wait for each search's own answer, so the outcome below is the search made under the fault.
                var search = page.Locator("#dnd-tabs input[type=text] >> nth=0");
                var answered = page.Locator("#dnd-total");
                await search.FillAsync("987651");
                await Assertions.Expect(answered).ToHaveAttributeAsync("data-answered-search", "987651", new() { Timeout = 30000 });
                await search.FillAsync("98765");
                await Assertions.Expect(answered).ToHaveAttributeAsync("data-answered-search", "98765", new() { Timeout = 30000 });
            },
            ReadOutcome = "#dnd-total:has-text('match “98765”'), #dnd-tabs .osvi-error",
            Retry = "#dnd-tabs .osvi-error-retry",
        },
        new("chat", $"/chat?agent_uuid={await admin.AgentIdAsync("Order Help Chat")}&customer_id=fault-{fault}", "#chat-first-message-input")
        {
            TypedInto = "#chat-first-message-input",
            Typed = "typed while OSVI was failing",
        },
        new("calls", "/calls", "#call-log tbody tr.osvi-call-row, #calls-empty")
        {
            TypedInto = "#filter-phone",
            Typed = "98765",
            Read = page => page.Locator("#refresh").ClickAsync(),
            ReadOutcome = "#call-log tbody tr.osvi-call-row, #calls-error .osvi-error, #calls-empty",
            Says = "#calls-error",
            Retry = "#calls-error .osvi-error-retry",
        },
        new("call", $"/calls/{callId}", "#call-header")
        {
            TypedInto = "#transcript-search",
            Typed = "thank",
        },
        new("agents", "/agents", "[data-agent-id] .osvi-agent-today-total:not(:empty)")
        {
            Updated = "#last-updated",
            Says = ".osvi-error, .osvi-row-error",
        },
        new("campaigns", "/campaigns", $"tr[data-campaign-id='{Watched}'] .osvi-progress")
        {
            TypedInto = "#watch-local-name",
            Typed = "typed while OSVI was failing",
            Says = ".osvi-row-error",
        },
        new("campaign", $"/campaigns/{Watched}", "#stat-total")
        {
            Updated = "#last-updated",
            Says = "#last-updated.osvi-updated--stale",
        },
        new("monitor", "/monitor", $".osvi-tile[data-campaign-id='{Watched}'] [data-figure=pickup]")
        {
            AppBar = false,
            Updated = "#wall-updated",
            Says = "#wall-stale",
            Never = ".osvi-error, .mud-alert",
        },
    ];

    /// <summary>Runs one page × fault check and records its failure (with a screenshot) instead of stopping, so one run
    /// names every pair that failed.</summary>
    private static async Task CheckAsync(List<string> failures, DashboardBrowser tab, string where, Func<string, Task> check)
    {
        try
        {
            await check(where);
        }
        catch (Exception exception) when (exception is PlaywrightException or Xunit.Sdk.XunitException)
        {
            failures.Add($"{where}: {string.Join(" / ", exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(6))}");
            await tab.ScreenshotAsync("fault-failed-" + where.Replace(' ', '-'));
        }
    }

    /// <summary>Like <see cref="AssertUsableAsync"/>, but the browser may log the audio request the dashboard answered
    /// with its 502/504: that failed load is what the test provokes.</summary>
    private static async Task AssertOnlyTheRecordingFailedAsync(DashboardBrowser page, string where)
    {
        Assert.Equal(0, await page.Page.Locator("[data-crash=true]").CountAsync());
        Assert.False(await page.Page.Locator("#blazor-error-ui").IsVisibleAsync(), $"Blazor's error bar is visible on {where}");
        Assert.All(page.ConsoleErrors, error => Assert.Matches("^Failed to load resource: the server responded with a status of 50[24] ", error));
        var text = await page.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("signature=", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task AssertUsableAsync(DashboardBrowser page, FaultPage? shown, string where)
    {
        await page.WaitInteractiveAsync();
        await page.AssertNoErrorsAsync(where);
        var text = await page.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unhandled error", text, StringComparison.OrdinalIgnoreCase);
        if (shown?.TypedInto is { } typedInto)
        {
            await Assertions.Expect(page.Page.Locator(typedInto)).ToHaveValueAsync(shown.Typed);
        }

        if (shown?.Never is { } never)
        {
            Assert.True(await page.Page.Locator(never).CountAsync() == 0, $"{where} shows an error box ({never})");
        }
    }
}
