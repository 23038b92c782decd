using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;
using CallsPage = Osvi.Dashboard.Components.Pages.Calls;

namespace Osvi.Dashboard.Components.Tests.Calls;

public sealed class CallLogTests : OsviTestContext
{
    private readonly FakeCallsService _calls;

    public CallLogTests()
    {
        _calls = CallsPageSetup.Setup(this);
        _calls.Calls.AddRange(Enumerable.Range(1, 120).Select(n => FakeCallsService.Call(n)));
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<CallsPage> RenderAt(string url)
    {
        Navigation.NavigateTo(url);
        return Render<CallsPage>();
    }

    [Fact]
    public void Render_OsviListsOneCallTwiceOnAPage_ShowsBothRowsAndKeepsWorking()
    {
        // Rows are keyed by call id; a repeated id (OSVI's list shifting under a read) must not break the page.
        var repeated = _calls.Calls[0];
        _calls.Calls.Insert(1, repeated with { Status = CallStatus.Picked });

        var cut = RenderAt("calls?per_page=25");
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("#call-log tbody tr.osvi-call-row").Count));
        // A new call on top shifts every row: the diff now matches rows by key, where a repeated key would throw.
        var newest = FakeCallsService.Call(500);
        _calls.Calls.Insert(0, newest);
        cut.Find("#refresh").Click();

        cut.WaitForAssertion(() => Assert.Equal(newest.CallId, cut.Find("#call-log tbody tr.osvi-call-row a").GetAttribute("data-call-id")));
        Assert.Equal(25, cut.FindAll("#call-log tbody tr.osvi-call-row").Count);
        Assert.Equal(2, cut.FindAll($"#call-log a[data-call-id='{repeated.CallId}']").Count);
        Assert.Empty(cut.FindAll("#calls-error"));
    }

    [Fact]
    public void Render_UrlWithFilters_AsksOsviForExactlyThatAndShowsTheRows()
    {
        var cut = RenderAt("calls?status=busy,picked&agent_uuid=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og&campaign_id=7&phone_number=98765&page=2&per_page=50");

        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("#call-log tbody tr.osvi-call-row").Count));
        var (filter, page, perPage) = _calls.ListRequests[^1];
        Assert.Equal([CallStatus.Picked, CallStatus.Busy], filter.Statuses);
        Assert.Equal(("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", 7L, "98765"), (filter.AgentUuid, filter.CampaignId!.Value, filter.PhoneNumber));
        Assert.Equal((2, 50), (page, perPage));
        Assert.Single(_calls.ListRequests);
        Assert.Contains("51-100 of 120", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Rows_ShowTimeAgentNumberStatusTypeDurationEndReasonCampaignAndTag()
    {
        var cut = RenderAt("calls");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#call-log tbody tr.osvi-call-row")));
        var row = cut.FindAll("#call-log tbody tr.osvi-call-row")[1];   // call 2: answered, 62 s
        var text = row.TextContent;
        Assert.Equal("calls/00000000-0000-0000-0000-000000000002", row.QuerySelector("a.osvi-call-link")!.GetAttribute("href"));
        Assert.Contains("12 Jun, 10:58:00", text, StringComparison.Ordinal);   // 11:00 IST minus 2 min, the dashboard's zone until the browser answers
        Assert.Contains("Appointment Reminder", text, StringComparison.Ordinal);
        Assert.Contains("+91 98765 00002", text, StringComparison.Ordinal);
        Assert.Equal("picked", row.QuerySelector(".osvi-call-status")!.GetAttribute("data-status"));
        Assert.Contains("Answered", row.QuerySelector(".osvi-call-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Outbound", text, StringComparison.Ordinal);
        Assert.Equal("1 m 02 s", row.QuerySelector("[data-duration]")!.TextContent);
        Assert.Contains("assistant ended call", text, StringComparison.Ordinal);
        Assert.Equal("campaigns/7", row.QuerySelector(".osvi-call-campaign")!.GetAttribute("href"));
        Assert.Contains("--osvi-tag: #22c55e", row.QuerySelector(".osvi-call-tag")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("Time (Asia/Kolkata)", cut.Find("#call-log thead").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("2026-06-12T", row.QuerySelector("a.osvi-call-link time")!.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.Equal("true", row.QuerySelector(".osvi-call-type svg.mud-icon-root")!.GetAttribute("aria-hidden"));
        Assert.Equal("no", row.QuerySelector(".osvi-phone")!.GetAttribute("translate"));
    }

    [Fact]
    public void Render_HundredRows_CellsAreMarkupNotAComponentEach()
    {
        // Each component costs a circuit its state and two render buffers: with 100 rows of 9 cells, components per
        // cell made an open call log cost several MB per browser (tests/Osvi.Benchmarks circuit-memory).
        var cut = RenderAt("calls?per_page=100");

        cut.WaitForAssertion(() => Assert.Equal(100, cut.FindAll("#call-log tbody tr.osvi-call-row").Count));
        Assert.Equal(100, cut.FindAll("#call-log tbody .osvi-call-status").Count);
        Assert.Empty(cut.FindComponents<Components.Calls.CallStatusChip>());
        Assert.Empty(cut.FindComponents<Components.Calls.CallTagChip>());
        Assert.Empty(cut.FindComponents<Components.Calls.ViewerTime>());
        Assert.Empty(cut.FindComponents<Components.Controls.PhoneNumberText>());
        Assert.DoesNotContain(cut.FindComponents<MudIcon>(), icon => icon.Instance.Icon is Icons.Material.Outlined.CallMade or Icons.Material.Outlined.CallReceived);
    }

    [Fact]
    public void StatusChip_Clicked_PutsTheFilterInTheUrlAndLoadsIt()
    {
        var cut = RenderAt("calls");
        cut.WaitForAssertion(() => Assert.Single(_calls.ListRequests));

        cut.Find(".osvi-status-chips [data-status=busy]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/calls?status=busy", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal([CallStatus.Busy], _calls.ListRequests[^1].Filter.Statuses));
    }

    [Fact]
    public void PhoneFilter_Typed_GoesToTheUrlAfterThePause()
    {
        var cut = RenderAt("calls?status=picked");
        cut.WaitForAssertion(() => Assert.Single(_calls.ListRequests));

        Type(cut, "#filter-phone", "98765");
        Assert.Single(_calls.ListRequests);
        Time.Advance(TimeSpan.FromSeconds(1));   // MudBlazor's debounce runs on the injected (fake) clock

        cut.WaitForAssertion(() => Assert.EndsWith("/calls?status=picked&phone_number=98765", Navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal("98765", _calls.ListRequests[^1].Filter.PhoneNumber));
    }

    [Fact]
    public void Location_BackToAnEarlierUrl_ShowsThatViewAgain()
    {
        var cut = RenderAt("calls?status=picked");
        cut.WaitForAssertion(() => Assert.Single(_calls.ListRequests));
        Navigation.NavigateTo("calls?status=busy&page=3");
        cut.WaitForAssertion(() => Assert.Equal((CallStatus.Busy, 3), (Assert.Single(_calls.ListRequests[^1].Filter.Statuses), _calls.ListRequests[^1].Page)));

        // What the browser's back button does: the earlier URL comes back.
        Navigation.NavigateTo("calls?status=picked");

        cut.WaitForAssertion(() => Assert.Equal((CallStatus.Picked, 1), (Assert.Single(_calls.ListRequests[^1].Filter.Statuses), _calls.ListRequests[^1].Page)));
    }

    [Fact]
    public void Pager_NextPage_LoadsPageTwoAndPutsItInTheUrl()
    {
        var cut = RenderAt("calls");
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("#call-log tbody tr.osvi-call-row").Count));

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal((2, 25), (_calls.ListRequests[^1].Page, _calls.ListRequests[^1].PerPage)));
        cut.WaitForAssertion(() => Assert.EndsWith("/calls?page=2", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("26-50 of 120", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("calls/00000000-0000-0000-0000-000000000026", cut.Find("a.osvi-call-link").GetAttribute("href"));
    }

    [Fact]
    public void Pager_PageSize_OffersTwentyFiveFiftyAndAHundredAndPutsTheChoiceInTheUrl()
    {
        var cut = RenderAt("calls?page=3");
        cut.WaitForAssertion(() => Assert.Single(_calls.ListRequests));
        var pageSize = cut.Find("select#calls-per-page");
        Assert.Equal("calls-per-page-label", pageSize.GetAttribute("aria-labelledby"));
        Assert.Equal("Calls per page:", cut.Find("#calls-per-page-label").TextContent);
        Assert.Equal("25", pageSize.GetAttribute("value"));
        Assert.Equal(["25", "50", "100"], pageSize.QuerySelectorAll("option").Select(option => option.GetAttribute("value")));

        pageSize.Change("100");

        cut.WaitForAssertion(() => Assert.Equal((1, 100), (_calls.ListRequests[^1].Page, _calls.ListRequests[^1].PerPage)));
        cut.WaitForAssertion(() => Assert.EndsWith("/calls?per_page=100", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(100, cut.FindAll("#call-log tbody tr.osvi-call-row").Count));
        Assert.Equal("100", cut.Find("select#calls-per-page").GetAttribute("value"));
        Assert.Contains("1-100 of 120", cut.Find("#calls-page-info").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Pager_PageSizeNotOffered_IsIgnored()
    {
        var cut = RenderAt("calls?page=2");
        cut.WaitForAssertion(() => Assert.Single(_calls.ListRequests));

        cut.Find("select#calls-per-page").Change("5000");

        Assert.EndsWith("/calls?page=2", Navigation.Uri, StringComparison.Ordinal);
        Assert.Single(_calls.ListRequests);
    }

    [Fact]
    public void Row_IsALinkToTheCall_WithoutAHandlerPerRow()
    {
        var cut = RenderAt("calls");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#call-log tbody tr.osvi-call-row")));

        // The row's link (stretched over the row by CSS, a real click on any cell is in the E2E) opens the call by
        // href: a click or Enter, the browser's own. No row carries an event handler (a closure each per circuit).
        var row = cut.FindAll("#call-log tbody tr.osvi-call-row")[2];
        Assert.Equal("calls/00000000-0000-0000-0000-000000000003", row.QuerySelector("td a.osvi-call-link")!.GetAttribute("href"));
        Assert.Throws<MissingEventHandlerException>(() => row.Click());
        Assert.Throws<MissingEventHandlerException>(() => row.QuerySelector("td")!.Click());
        Assert.Empty(cut.FindComponents<MudDataGrid<CallListItem>>());
    }

    [Fact]
    public void Pager_LastAndFirst_GoThroughTheUrlAndDisableAtTheEnds()
    {
        var cut = RenderAt("calls");
        cut.WaitForAssertion(() => Assert.Contains("1-25 of 120", cut.Find("#calls-page-info").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("#calls-first-page").HasAttribute("disabled"));
        Assert.True(cut.Find("#calls-previous-page").HasAttribute("disabled"));

        cut.Find("#calls-last-page").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/calls?page=5", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("101-120 of 120", cut.Find("#calls-page-info").TextContent, StringComparison.Ordinal));
        Assert.Equal(20, cut.FindAll("#call-log tbody tr.osvi-call-row").Count);
        Assert.True(cut.Find("#calls-next-page").HasAttribute("disabled"));
        Assert.True(cut.Find("#calls-last-page").HasAttribute("disabled"));

        cut.Find("#calls-first-page").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/calls", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal((1, 25), (_calls.ListRequests[^1].Page, _calls.ListRequests[^1].PerPage)));
    }

    [Fact]
    public void Load_OsviUnreachable_SaysWhatHappenedAndRetryAsksAgain()
    {
        _calls.OnList = (_, _, _, _) => Task.FromResult(ServiceResult<CallPage>.Failed(new OsviError(OsviErrorKind.Unreachable, null, "Connection refused", [])));
        var cut = RenderAt("calls");
        cut.WaitForAssertion(() => Assert.Contains("Could not load the call log: OSVI could not be reached", cut.Find("#calls-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#calls-empty"));
        Assert.Contains("Update failed", cut.Find("#calls-updated").TextContent, StringComparison.Ordinal);

        _calls.OnList = null;
        cut.Find("#calls-error .osvi-error-retry").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#calls-error")));
        Assert.Equal(2, _calls.ListRequests.Count);
        Assert.Equal(25, cut.FindAll("#call-log tbody tr.osvi-call-row").Count);
    }

    [Fact]
    public void Load_NothingMatches_SaysSoAndHowToWidenTheSearch()
    {
        _calls.Calls.Clear();

        var filtered = RenderAt("calls?status=voicemail");
        filtered.WaitForAssertion(() => Assert.Contains("No calls match these filters", filtered.Find("#calls-empty").TextContent, StringComparison.Ordinal));
        Assert.Contains("clear the filters", filtered.Find("#calls-empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoRefresh_On_FollowsTheSharedFeedOfThisPageInsteadOfAskingItself()
    {
        var cut = RenderAt("calls?status=picked");
        cut.WaitForAssertion(() => Assert.Single(_calls.ListRequests));
        var key = new CallLogPageKey(CallLogView.FromUri("calls?status=picked"));
        var toggle = cut.Find("input#auto-refresh");
        Assert.Equal(("checkbox", "switch"), (toggle.GetAttribute("type"), toggle.GetAttribute("role")));
        Assert.False(toggle.HasAttribute("checked"));
        Assert.Equal(0, Live.SubscriberCount(key));

        toggle.Change(true);

        Assert.Equal(1, Live.SubscriberCount(key));
        Assert.True(cut.Find("input#auto-refresh").HasAttribute("checked"));
        Assert.Contains("mud-checked", cut.Find(".mud-switch-base").ClassList);
        Assert.Contains("mud-primary", cut.Find(".mud-switch-track").ClassList);
        var fresh = new CallPage([FakeCallsService.Call(999)], 1, 25, 1, 1);
        await Live.PublishValueAsync(key, fresh);

        cut.WaitForAssertion(() => Assert.Equal("calls/00000000-0000-0000-0000-000000000999", cut.Find("a.osvi-call-link").GetAttribute("href")));
        Assert.Single(_calls.ListRequests);

        cut.Find("input#auto-refresh").Change(false);

        Assert.Equal(0, Live.SubscriberCount(key));
        Assert.False(cut.Find("input#auto-refresh").HasAttribute("checked"));
        Assert.DoesNotContain("mud-checked", cut.Find(".mud-switch-base").ClassList);
    }

    [Fact]
    public void Render_HundredRows_HeaderAndPagerAreMarkupNotMudBlazorComponents()
    {
        // Every component costs each open call log its state and render buffers (issue 9: memory per circuit); the
        // page's switch, buttons, tooltip, paper and pager are MudBlazor's markup and classes, not its components.
        var cut = RenderAt("calls?per_page=100");
        cut.WaitForAssertion(() => Assert.Equal(100, cut.FindAll("#call-log tbody tr.osvi-call-row").Count));

        // The filter bar and the shared controls (page header, freshness label) are counted where they are built.
        var elsewhere = new HashSet<IComponent>(ReferenceEqualityComparer.Instance);
        void CountedElsewhere<TPart>() where TPart : class, IComponent
        {
            foreach (var part in cut.FindComponents<TPart>())
            {
                elsewhere.Add(part.Instance);
                elsewhere.UnionWith(part.FindComponents<IComponent>().Select(child => child.Instance));
            }
        }

        CountedElsewhere<Components.Calls.CallLogFilters>();
        CountedElsewhere<Components.Controls.PageHeader>();
        CountedElsewhere<Components.Controls.ViewerUpdated>();
        var own = cut.FindComponents<IComponent>().Select(component => component.Instance).Where(component => !elsewhere.Contains(component)).ToList();
        Assert.Empty(own.Select(component => component.GetType()).Where(type => type.Namespace == "MudBlazor").Select(type => type.Name));
        Assert.True(own.Count <= 3, $"the page draws {own.Count} components of its own: {string.Join(", ", own.Select(component => component.GetType().Name))}");
        Assert.Equal(7, cut.FindAll(".osvi-call-actions button svg.mud-icon-root, #calls-pager button svg.mud-icon-root").Count);
        Assert.Equal("Load the list again", cut.Find("button#refresh").ParentElement!.GetAttribute("data-osvi-tip"));
        Assert.Equal("Refresh the call list", cut.Find("button#refresh").GetAttribute("aria-label"));
        Assert.All(cut.FindAll("#calls-pager .mud-table-pagination-actions button"), button => Assert.Contains("mud-flip-x-rtl", button.ClassList));
    }

    [Fact]
    public void Render_Viewer_NoNewCallButtonAndMaskedNumbers()
    {
        UseRole(DashboardRoles.Viewer);

        var cut = RenderAt("calls");

        cut.WaitForAssertion(() => Assert.Contains("+•• ••••• •0001", cut.Find("#call-log tbody").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#new-call"));
        Assert.NotEmpty(cut.FindAll("#export-csv"));
    }

    [Fact]
    public async Task NewCallLink_OpensTheDialogPrefilledFromTheQuery()
    {
        await Live.PublishValueAsync<IReadOnlyList<AgentView>>(ActiveAgentsKey.Instance,
            [new AgentView("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", "Appointment Reminder", "active")]);
        Navigation.NavigateTo("calls/new?agent_uuid=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og&phone_number=%2B919876500001&person_name=Ravi%20Kumar");

        var cut = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<CallsPage>(1);
            builder.CloseComponent();
        });

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#start-call-form")));
        Assert.Equal("9876500001", cut.Find("input#call-phone").GetAttribute("value"));
        Assert.Equal("Ravi Kumar", cut.Find("input#call-person").GetAttribute("value"));
        Assert.Contains("Will call +919876500001 (India)", cut.Find("#start-call-form").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewCall_Started_GoesToTheNewCall()
    {
        await Live.PublishValueAsync<IReadOnlyList<AgentView>>(ActiveAgentsKey.Instance,
            [new AgentView("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", "Appointment Reminder", "active")]);
        Navigation.NavigateTo("calls?status=picked");
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<CallsPage>(1);
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#call-log tbody tr.osvi-call-row")));

        await cut.InvokeAsync(() => cut.Find("#new-call").Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#start-call-form")));
        var agent = cut.FindComponents<MudSelect<string>>().First(select => Equals(select.Instance.UserAttributes.GetValueOrDefault("id"), "call-agent"));
        await cut.InvokeAsync(() => agent.Instance.ValueChanged.InvokeAsync("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og"));
        await cut.InvokeAsync(() => cut.Find("input#call-phone").Input("9876500001"));
        await cut.InvokeAsync(() => cut.Find("#review-call").Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#start-call")));
        await cut.InvokeAsync(() => cut.Find("#start-call").Click());

        cut.WaitForAssertion(() => Assert.EndsWith("/calls/new-call-id", Navigation.Uri, StringComparison.Ordinal));
        var (command, source) = Assert.Single(_calls.StartRequests);
        Assert.Equal(("+919876500001", "call-log"), (command.PhoneE164, source));
    }
}
