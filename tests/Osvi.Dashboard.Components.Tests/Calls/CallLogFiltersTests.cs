using Bunit;
using Microsoft.AspNetCore.Components;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Calls;

/// <summary>The call log's filter bar on its own: what it reports to the page (which puts it in the URL, see
/// <see cref="CallLogTests"/>), the typing pause on the fake clock, and that it draws MudBlazor's markup rather than a
/// component per chip, field and icon.</summary>
public sealed class CallLogFiltersTests : OsviTestContext
{
    private readonly List<CallFilter> _changes = [];

    private static readonly AgentView Reminders = new("agent_reminders01", "Appointment Reminder", "active");
    private static readonly AgentView Renewals = new("agent_renewals001", "Policy Renewals", "active");
    private static readonly IReadOnlyList<AgentView> s_agents = [Reminders, Renewals];

    private IRenderedComponent<CallLogFilters> RenderBar(CallFilter filter, IReadOnlyList<AgentView>? agents = null) =>
        Render<CallLogFilters>(parameters => parameters
            .Add(bar => bar.Filter, filter)
            .Add(bar => bar.FilterChanged, (CallFilter changed) => _changes.Add(changed))
            .Add(bar => bar.Agents, agents)
            .Add(bar => bar.TimeZoneLabel, "Asia/Kolkata"));

    [Fact]
    public void Render_AnyFilter_RendersNoComponentAtAll()
    {
        // Every component costs each open call log its state and render buffers (issue 9: ≤ 500 KB per circuit). The
        // bar was 70 components, then 23 (the agent autocomplete and the date range picker); now it is markup only.
        var cut = RenderBar(CallFilter.None with
        {
            Statuses = [CallStatus.Busy], PhoneNumber = "98765", CampaignId = 7, CampaignUploadId = 3, CallType = CallType.Inbound,
            AgentUuid = Reminders.Id, StartDate = "2026-06-01", EndDate = "2026-06-30",
        }, s_agents);

        Assert.Empty(cut.FindComponents<IComponent>());
        Assert.Equal(s_agents.Count, cut.FindAll("#filter-agent-options option").Count);
    }

    [Fact]
    public void Render_Fields_AreLabelledAndDescribedLikeMudBlazorsOutlinedFields()
    {
        var cut = RenderBar(CallFilter.None with { PhoneNumber = "98765", CampaignId = 7, CallType = CallType.Inbound });

        foreach (var (id, label) in new[]
        {
            ("filter-agent", "Agent"), ("filter-phone", "Phone number"), ("filter-campaign", "Campaign id"), ("filter-upload", "Upload id"),
            ("filter-call-type", "Type"), ("filter-date-from", "Dialled from"), ("filter-date-to", "Dialled to"),
        })
        {
            var field = cut.Find($"#{id}");
            Assert.Equal(label, cut.Find($"label[for={id}]").TextContent);
            Assert.NotEmpty(cut.Find($"#{field.GetAttribute("aria-describedby")}").TextContent);
            Assert.NotNull(field.Closest(".mud-input-control.mud-input-control-margin-dense"));
            Assert.NotNull(field.Closest(".mud-input.mud-input-outlined.mud-shrink"));
        }

        Assert.Equal("98765", cut.Find("#filter-phone").GetAttribute("value"));
        Assert.Equal("tel", cut.Find("#filter-phone").GetAttribute("inputmode"));
        Assert.Equal("7", cut.Find("#filter-campaign").GetAttribute("value"));
        Assert.Equal("", cut.Find("#filter-upload").GetAttribute("value"));
        Assert.Equal("inbound", cut.Find("#filter-call-type").GetAttribute("value"));
        Assert.Equal(["", "outbound", "inbound"], cut.FindAll("#filter-call-type option").Select(option => option.GetAttribute("value")));
        // A clear button where the field holds something, as MudBlazor's Clearable showed it.
        Assert.Single(cut.FindAll("button[aria-label='Clear phone number']"));
        Assert.Single(cut.FindAll("button[aria-label='Clear campaign id']"));
        Assert.Empty(cut.FindAll("button[aria-label='Clear upload id']"));
    }

    [Fact]
    public void PhoneFilter_TypedKeyByKey_AppliesOnceAfterTheUserStops()
    {
        var cut = RenderBar(CallFilter.None with { Statuses = [CallStatus.Picked] });

        foreach (var typed in new[] { "9", "98", "987", "9876", "98765" })
        {
            Type(cut, "#filter-phone", typed);
            Time.Advance(TimeSpan.FromMilliseconds(400));   // shorter than the pause: each key restarts it
        }

        Assert.Empty(_changes);
        Time.Advance(TimeSpan.FromMilliseconds(300));

        cut.WaitForAssertion(() => Assert.Single(_changes));
        Assert.Equal(CallFilter.None with { Statuses = [CallStatus.Picked], PhoneNumber = "98765" }, _changes[0]);
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(_changes);
        Assert.Equal("", cut.Find("#filter-phone").GetAttribute("value"));   // the server never writes back what was typed: the browser keeps it
    }

    [Fact]
    public void PhoneFilter_EnterOrLeavingTheField_AppliesAtOnce()
    {
        var cut = RenderBar(CallFilter.None);

        Type(cut, "#filter-phone", " 98765 ");
        cut.Find("#filter-phone").Change(" 98765 ");

        Assert.Equal("98765", Assert.Single(_changes).PhoneNumber);
        Time.Advance(TimeSpan.FromSeconds(1));   // the pause started by the typing was stopped: nothing is sent twice
        Assert.Single(_changes);
    }

    [Theory]
    [InlineData("abc", "Not a valid number")]
    [InlineData("0", "Ids start at 1")]
    [InlineData("-3", "Ids start at 1")]
    [InlineData("7.5", "Not a whole number")]
    public void CampaignFilter_NotAnIdFromOne_SaysWhatToFixAndChangesNothing(string typed, string message)
    {
        var cut = RenderBar(CallFilter.None with { CampaignId = 7 });

        Type(cut, "#filter-campaign", typed);
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#filter-campaign").GetAttribute("aria-invalid")));
        Assert.Equal(message, cut.Find("#filter-campaign-helper-text").TextContent);
        Assert.NotNull(cut.Find("#filter-campaign").Closest(".mud-input-control.mud-input-error"));
        Assert.Equal("7", cut.Find("#filter-campaign").GetAttribute("value"));   // still the URL's id: the server never writes back what was typed, the browser keeps it to be fixed
        Assert.Empty(_changes);

        Type(cut, "#filter-campaign", "12");
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(12, Assert.Single(_changes).CampaignId));
        Assert.Equal("false", cut.Find("#filter-campaign").GetAttribute("aria-invalid"));
        Assert.Equal("e.g. 7", cut.Find("#filter-campaign-helper-text").TextContent);
    }

    [Fact]
    public void UploadFilter_Typed_AppliesTheIdAndEmptyRemovesIt()
    {
        var cut = RenderBar(CallFilter.None);

        Type(cut, "#filter-upload", "31");
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal(31, Assert.Single(_changes).CampaignUploadId));

        Type(cut, "#filter-upload", "");
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal(2, _changes.Count));
        Assert.Null(_changes[1].CampaignUploadId);
    }

    [Fact]
    public void PhoneFilter_TheUrlChangesAnotherFilterWhileTyping_KeepsTheTypedTextAndAppliesItOnTop()
    {
        var cut = RenderBar(CallFilter.None);
        Type(cut, "#filter-phone", "987");

        // A status chip's change comes back through the URL before the pause ends: the page renders the bar again.
        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None with { Statuses = [CallStatus.Busy] }));

        Assert.Equal("", cut.Find("#filter-phone").GetAttribute("value"));   // the server never writes back what was typed: the browser keeps it
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Single(_changes));
        Assert.Equal(CallFilter.None with { Statuses = [CallStatus.Busy], PhoneNumber = "987" }, _changes[0]);
    }

    [Fact]
    public void PhoneFilter_TheUrlChangesIt_TheFieldFollows()
    {
        var cut = RenderBar(CallFilter.None with { PhoneNumber = "98765" });

        // The back button to a view with another number.
        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None with { PhoneNumber = "12345" }));

        Assert.Equal("12345", cut.Find("#filter-phone").GetAttribute("value"));
        Assert.Empty(_changes);
    }

    [Fact]
    public void ClearButton_OnAField_RemovesThatFilterAtOnce()
    {
        var cut = RenderBar(CallFilter.None with { PhoneNumber = "98765", CampaignId = 7 });

        cut.Find("button[aria-label='Clear phone number']").Click();

        Assert.Equal(CallFilter.None with { CampaignId = 7 }, Assert.Single(_changes));
        Assert.Equal("", cut.Find("#filter-phone").GetAttribute("value"));
        Assert.Empty(cut.FindAll("button[aria-label='Clear phone number']"));
    }

    [Fact]
    public async Task Disposed_WhileAPauseRuns_SendsNothing()
    {
        var cut = RenderBar(CallFilter.None);
        Type(cut, "#filter-phone", "98765");

        await DisposeComponentsAsync();
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(_changes);
    }

    [Fact]
    public void StatusChips_TwoClicksBeforeTheUrlComesBack_BothCountAndShowAsPressed()
    {
        var cut = RenderBar(CallFilter.None with { Statuses = [CallStatus.Busy] });
        var busy = cut.Find(".osvi-status-chips [data-status=busy]");
        Assert.Equal("true", busy.GetAttribute("aria-pressed"));
        Assert.Contains("mud-chip-selected", busy.ClassList);
        Assert.NotNull(busy.QuerySelector("svg.mud-chip-icon"));
        Assert.Equal("false", cut.Find(".osvi-status-chips [data-status=picked]").GetAttribute("aria-pressed"));
        Assert.Contains("--osvi-status:", busy.GetAttribute("style"), StringComparison.Ordinal);

        cut.Find(".osvi-status-chips [data-status=voicemail]").Click();
        cut.Find(".osvi-status-chips [data-status=picked]").Click();

        Assert.Equal(2, _changes.Count);
        Assert.Equal([CallStatus.Picked, CallStatus.Busy, CallStatus.Voicemail], _changes[1].Statuses);
        Assert.Equal("true", cut.Find(".osvi-status-chips [data-status=picked]").GetAttribute("aria-pressed"));

        cut.Find(".osvi-status-chips [data-status=busy]").Click();
        Assert.Equal([CallStatus.Picked, CallStatus.Voicemail], _changes[2].Statuses);
    }

    [Fact]
    public void TypeSelect_Changed_FiltersOnThatTypeAndAnyRemovesIt()
    {
        var cut = RenderBar(CallFilter.None);

        cut.Find("#filter-call-type").Change("inbound");
        cut.Find("#filter-call-type").Change("");

        Assert.Equal([CallType.Inbound, null], _changes.Select(change => change.CallType));
    }

    [Fact]
    public void ClearAll_WithTextWaitingForThePause_ClearsEverythingAndSendsOnlyTheClear()
    {
        var cut = RenderBar(CallFilter.None with { Statuses = [CallStatus.Busy], CampaignId = 7 });
        Assert.Equal("Clear 2 filters", cut.Find("#filter-clear").TextContent.Trim());
        Type(cut, "#filter-phone", "987");

        cut.Find("#filter-clear").Click();
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(CallFilter.None, Assert.Single(_changes));
        Assert.Equal("", cut.Find("#filter-phone").GetAttribute("value"));
        Assert.Equal("", cut.Find("#filter-campaign").GetAttribute("value"));
    }

    [Fact]
    public void DateFields_DaysChosen_ApplyAsDaysAndClearingOneRemovesThatBound()
    {
        var cut = RenderBar(CallFilter.None with { Statuses = [CallStatus.Picked] });
        Assert.Equal("date", cut.Find("#filter-date-from").GetAttribute("type"));
        Assert.Equal("filter-dates-helper-text", cut.Find("#filter-date-to").GetAttribute("aria-describedby"));
        Assert.Equal("Whole days as OSVI counts them (India Standard Time)", cut.Find("#filter-dates-helper-text").TextContent);

        cut.Find("#filter-date-from").Change("2026-06-01");
        cut.Find("#filter-date-to").Change("2026-06-30");
        cut.Find("button[aria-label='Clear dialled from']").Click();

        Assert.Equal(
            [
                CallFilter.None with { Statuses = [CallStatus.Picked], StartDate = "2026-06-01" },
                CallFilter.None with { Statuses = [CallStatus.Picked], StartDate = "2026-06-01", EndDate = "2026-06-30" },
                CallFilter.None with { Statuses = [CallStatus.Picked], EndDate = "2026-06-30" },
            ],
            _changes);
        Assert.Equal("", cut.Find("#filter-date-from").GetAttribute("value"));
        Assert.Equal("", cut.Find("#filter-date-to").GetAttribute("value"));   // the server never writes back what was typed: the browser keeps it
    }

    [Fact]
    public void DateFields_FromAfterTo_SaysSoChangesNothingAndFixingTheOtherDayAppliesBoth()
    {
        var cut = RenderBar(CallFilter.None with { StartDate = "2026-06-01", EndDate = "2026-06-10" });

        cut.Find("#filter-date-from").Change("2026-06-20");

        Assert.Empty(_changes);
        Assert.Equal("“Dialled from” is after “Dialled to”: nothing changed", cut.Find("#filter-dates-helper-text").TextContent);
        Assert.Contains("mud-input-error", cut.Find("#filter-dates-helper-text").ParentElement!.ClassList);
        Assert.Equal("true", cut.Find("#filter-date-from").GetAttribute("aria-invalid"));
        Assert.NotNull(cut.Find("#filter-date-from").Closest(".mud-input-control.mud-input-error"));
        Assert.Equal("2026-06-01", cut.Find("#filter-date-from").GetAttribute("value"));   // still the URL's day: the typed one stays in the browser, to be fixed

        cut.Find("#filter-date-to").Change("2026-06-30");

        Assert.Equal(CallFilter.None with { StartDate = "2026-06-20", EndDate = "2026-06-30" }, Assert.Single(_changes));
        Assert.Equal("false", cut.Find("#filter-date-from").GetAttribute("aria-invalid"));
        Assert.Equal("Whole days as OSVI counts them (India Standard Time)", cut.Find("#filter-dates-helper-text").TextContent);
    }

    [Fact]
    public void DateFields_OnePartOfADayDeleted_RemovesTheBoundWithoutWipingTheOtherPartsInTheBrowser()
    {
        var cut = RenderBar(CallFilter.None with { StartDate = "2026-06-01" });

        // The browser's date input reports "" as soon as one part (month, day, year) is deleted to be typed again.
        cut.Find("#filter-date-from").Change("");
        Assert.Equal(CallFilter.None, Assert.Single(_changes));
        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None));

        // The element is not given "" (which would wipe the parts still there).
        Assert.Equal("2026-06-01", cut.Find("#filter-date-from").GetAttribute("value"));
        Assert.Empty(cut.FindAll("button[aria-label='Clear dialled from']"));

        // The back button to that very day shows it again (a new element: see the E2E test, the browser holds "").
        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None with { StartDate = "2026-06-01" }));
        Assert.Equal("2026-06-01", cut.Find("#filter-date-from").GetAttribute("value"));
        Assert.Single(cut.FindAll("button[aria-label='Clear dialled from']"));
    }

    [Fact]
    public void DateFields_TheUrlHasDaysOrExactBounds_ShowsTheDaysAndSaysWhatIsInEffect()
    {
        var cut = RenderBar(CallFilter.None with { StartDate = "2026-06-01", EndDate = "2026-06-30" });
        Assert.Equal("2026-06-01", cut.Find("#filter-date-from").GetAttribute("value"));
        Assert.Equal("2026-06-30", cut.Find("#filter-date-to").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#filter-exact-bounds"));

        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None with { StartDate = "2026-06-01T10:00:00+05:30", EndDate = "2026-06-30" }));

        Assert.Equal("", cut.Find("#filter-date-from").GetAttribute("value"));
        Assert.Equal("2026-06-30", cut.Find("#filter-date-to").GetAttribute("value"));
        Assert.Equal("Exact bounds from the link: 2026-06-01T10:00:00+05:30 to 2026-06-30", cut.Find("#filter-exact-bounds").TextContent);
        Assert.Empty(_changes);
    }

    [Theory]
    [InlineData("POLICY RENEWALS")]
    [InlineData("  policy renewals ")]
    [InlineData("agent_renewals001")]
    public void AgentField_ANameOrIdCommitted_FiltersOnThatAgent(string typed)
    {
        var cut = RenderBar(CallFilter.None, s_agents);

        Type(cut, "#filter-agent", typed);
        Assert.Empty(_changes);   // not a choice of the list as it stands: waits for Enter or leaving the field
        cut.Find("#filter-agent").Change(typed);

        Assert.Equal(CallFilter.None with { AgentUuid = Renewals.Id }, Assert.Single(_changes));
        Assert.Equal("false", cut.Find("#filter-agent").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void AgentField_AChoiceOfTheList_AppliesAtOnceAndOnlyOnce()
    {
        var cut = RenderBar(CallFilter.None, s_agents);

        // Choosing from the datalist puts the choice in the field as an input event; leaving the field then changes it.
        Type(cut, "#filter-agent", "Appointment Reminder");
        Assert.Equal(CallFilter.None with { AgentUuid = Reminders.Id }, Assert.Single(_changes));
        cut.Find("#filter-agent").Change("Appointment Reminder");

        Assert.Single(_changes);
        Assert.Single(cut.FindAll("button[aria-label='Clear agent']"));
        cut.Find("button[aria-label='Clear agent']").Click();
        Assert.Equal(CallFilter.None, _changes[1]);
        Assert.Equal("", cut.Find("#filter-agent").GetAttribute("value"));
    }

    [Fact]
    public void AgentField_APastedIdOfNoActiveAgent_IsUsedAsIs()
    {
        var cut = RenderBar(CallFilter.None, s_agents);

        cut.Find("#filter-agent").Change(" agent_paused-42x ");

        Assert.Equal("agent_paused-42x", Assert.Single(_changes).AgentUuid);
    }

    [Fact]
    public void AgentField_TextThatIsNoAgent_SaysWhatToDoKeepsTheTextAndChangesNothing()
    {
        var cut = RenderBar(CallFilter.None with { AgentUuid = Reminders.Id }, s_agents);

        cut.Find("#filter-agent").Change("Somebody");

        Assert.Empty(_changes);
        Assert.Equal("Pick an agent from the list, or paste an agent id (agent_…).", cut.Find("#filter-agent-helper-text").TextContent);
        Assert.Equal("true", cut.Find("#filter-agent").GetAttribute("aria-invalid"));
        Assert.NotNull(cut.Find("#filter-agent").Closest(".mud-input-control.mud-input-error"));
        Assert.Equal(Reminders.Name, cut.Find("#filter-agent").GetAttribute("value"));   // still the URL's agent: the server never writes back what was typed, the browser keeps it

        cut.Find("#filter-agent").Change("Policy Renewals");
        Assert.Equal(Renewals.Id, Assert.Single(_changes).AgentUuid);
        Assert.Equal("An active agent, or paste any agent id", cut.Find("#filter-agent-helper-text").TextContent);
    }

    [Fact]
    public void AgentField_TheUrlHoldsAnAgentId_ShowsItsNameOnceTheAgentsAreKnownElseTheId()
    {
        var cut = RenderBar(CallFilter.None with { AgentUuid = Renewals.Id });
        Assert.Equal(Renewals.Id, cut.Find("#filter-agent").GetAttribute("value"));   // the agents are still loading

        cut.Render(parameters => parameters.Add(bar => bar.Agents, s_agents));
        Assert.Equal("Policy Renewals", cut.Find("#filter-agent").GetAttribute("value"));

        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None with { AgentUuid = "agent_paused-42x" }));
        Assert.Equal("agent_paused-42x", cut.Find("#filter-agent").GetAttribute("value"));
        Assert.Empty(_changes);
    }

    [Fact]
    public void AgentField_NamesFromOsvi_AreTextInTheOptionsAndSharedNamesCarryTheirId()
    {
        AgentView[] agents =
        [
            new("agent_img000001", "<img src=x onerror=alert(1)>", "active"),
            new("agent_quote0001", "Say \"hi\" & 'bye'", "active"),
            new("agent_sales0001", "Sales", "active"),
            new("agent_sales0002", "sales", "active"),
        ];
        var cut = RenderBar(CallFilter.None with { AgentUuid = "agent_sales0002" }, agents);

        var options = cut.FindAll("#filter-agent-options option");
        Assert.Equal(["<img src=x onerror=alert(1)>", "Say \"hi\" & 'bye'", "Sales (agent_sales0001)", "sales (agent_sales0002)"],
            options.Select(option => option.GetAttribute("value")));
        Assert.Equal(agents.Select(agent => agent.Id), options.Select(option => option.TextContent));
        Assert.Empty(cut.FindAll("#filter-agent-options img"));
        Assert.Equal("filter-agent-options", cut.Find("#filter-agent").GetAttribute("list"));
        Assert.Equal("sales (agent_sales0002)", cut.Find("#filter-agent").GetAttribute("value"));

        // Each choice is one agent, whatever its name holds.
        Type(cut, "#filter-agent", "Sales (agent_sales0001)");
        Type(cut, "#filter-agent", "<img src=x onerror=alert(1)>");
        Type(cut, "#filter-agent", "Say \"hi\" & 'bye'");
        Assert.Equal(["agent_sales0001", "agent_img000001", "agent_quote0001"], _changes.Select(change => change.AgentUuid));
    }

    [Fact]
    public void AgentChoices_TheSameAgentList_IsBuiltOnceForEveryCircuit()
    {
        var first = RenderBar(CallFilter.None, s_agents);
        var second = RenderBar(CallFilter.None, s_agents);

        Assert.Same(AgentChoices.For(s_agents), AgentChoices.For(s_agents));
        Assert.Equal(first.Find("#filter-agent-options").InnerHtml, second.Find("#filter-agent-options").InnerHtml);
        Assert.Same(AgentChoices.None, AgentChoices.For(null));
    }
}
