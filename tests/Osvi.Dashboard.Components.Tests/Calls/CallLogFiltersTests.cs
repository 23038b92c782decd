using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Calls;

/// <summary>The call log's filter bar on its own: what it reports to the page (which puts it in the URL, see
/// <see cref="CallLogTests"/>), the typing pause on the fake clock, and that it draws MudBlazor's markup rather than a
/// component per chip, field and icon.</summary>
public sealed class CallLogFiltersTests : OsviTestContext
{
    private readonly List<CallFilter> _changes = [];

    private IRenderedComponent<CallLogFilters> RenderBar(CallFilter filter) =>
        Render<CallLogFilters>(parameters => parameters
            .Add(bar => bar.Filter, filter)
            .Add(bar => bar.FilterChanged, (CallFilter changed) => _changes.Add(changed))
            .Add(bar => bar.TimeZoneLabel, "Asia/Kolkata"));

    [Fact]
    public void Render_AnyFilter_OnlyTheAgentPickerAndTheDateRangeAreComponents()
    {
        // Every component costs each open call log its state and render buffers (issue 9: ≤ 500 KB per circuit). The
        // bar was 70 components; now everything it renders is the two popover widgets or inside them.
        var cut = RenderBar(CallFilter.None with { Statuses = [CallStatus.Busy], PhoneNumber = "98765", CampaignId = 7, CampaignUploadId = 3 });

        Assert.Empty(cut.FindComponents<MudChipSet<string>>());
        Assert.Empty(cut.FindComponents<MudChip<string>>());
        Assert.Empty(cut.FindComponents<MudTextField<string>>());
        Assert.Empty(cut.FindComponents<MudNumericField<long?>>());
        Assert.Empty(cut.FindComponents<MudSelect<string>>());
        Assert.Empty(cut.FindComponents<MudPaper>());
        Assert.Empty(cut.FindComponents<MudText>());
        Assert.Empty(cut.FindComponents<MudButton>());
        var agent = cut.FindComponent<MudAutocomplete<string>>();
        var dates = cut.FindComponent<MudDateRangePicker>();
        Assert.Equal(agent.FindComponents<MudIcon>().Count + dates.FindComponents<MudIcon>().Count, cut.FindComponents<MudIcon>().Count);
        var all = cut.FindComponents<IComponent>().Count;
        Assert.Equal(2 + agent.FindComponents<IComponent>().Count + dates.FindComponents<IComponent>().Count, all);
        Assert.InRange(all, 1, 25);
    }

    [Fact]
    public void Render_Fields_AreLabelledAndDescribedLikeMudBlazorsOutlinedFields()
    {
        var cut = RenderBar(CallFilter.None with { PhoneNumber = "98765", CampaignId = 7, CallType = CallType.Inbound });

        foreach (var (id, label) in new[] { ("filter-phone", "Phone number"), ("filter-campaign", "Campaign id"), ("filter-upload", "Upload id"), ("filter-call-type", "Type") })
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
            cut.Find("#filter-phone").Input(typed);
            Time.Advance(TimeSpan.FromMilliseconds(400));   // shorter than the pause: each key restarts it
        }

        Assert.Empty(_changes);
        Time.Advance(TimeSpan.FromMilliseconds(300));

        cut.WaitForAssertion(() => Assert.Single(_changes));
        Assert.Equal(CallFilter.None with { Statuses = [CallStatus.Picked], PhoneNumber = "98765" }, _changes[0]);
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(_changes);
        Assert.Equal("98765", cut.Find("#filter-phone").GetAttribute("value"));
    }

    [Fact]
    public void PhoneFilter_EnterOrLeavingTheField_AppliesAtOnce()
    {
        var cut = RenderBar(CallFilter.None);

        cut.Find("#filter-phone").Input(" 98765 ");
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

        cut.Find("#filter-campaign").Input(typed);
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#filter-campaign").GetAttribute("aria-invalid")));
        Assert.Equal(message, cut.Find("#filter-campaign-helper-text").TextContent);
        Assert.NotNull(cut.Find("#filter-campaign").Closest(".mud-input-control.mud-input-error"));
        Assert.Equal(typed, cut.Find("#filter-campaign").GetAttribute("value"));   // what was typed stays to be fixed
        Assert.Empty(_changes);

        cut.Find("#filter-campaign").Input("12");
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(12, Assert.Single(_changes).CampaignId));
        Assert.Equal("false", cut.Find("#filter-campaign").GetAttribute("aria-invalid"));
        Assert.Equal("e.g. 7", cut.Find("#filter-campaign-helper-text").TextContent);
    }

    [Fact]
    public void UploadFilter_Typed_AppliesTheIdAndEmptyRemovesIt()
    {
        var cut = RenderBar(CallFilter.None);

        cut.Find("#filter-upload").Input("31");
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal(31, Assert.Single(_changes).CampaignUploadId));

        cut.Find("#filter-upload").Input("");
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal(2, _changes.Count));
        Assert.Null(_changes[1].CampaignUploadId);
    }

    [Fact]
    public void PhoneFilter_TheUrlChangesAnotherFilterWhileTyping_KeepsTheTypedTextAndAppliesItOnTop()
    {
        var cut = RenderBar(CallFilter.None);
        cut.Find("#filter-phone").Input("987");

        // A status chip's change comes back through the URL before the pause ends: the page renders the bar again.
        cut.Render(parameters => parameters.Add(bar => bar.Filter, CallFilter.None with { Statuses = [CallStatus.Busy] }));

        Assert.Equal("987", cut.Find("#filter-phone").GetAttribute("value"));
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
        cut.Find("#filter-phone").Input("98765");

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
        cut.Find("#filter-phone").Input("987");

        cut.Find("#filter-clear").Click();
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(CallFilter.None, Assert.Single(_changes));
        Assert.Equal("", cut.Find("#filter-phone").GetAttribute("value"));
        Assert.Equal("", cut.Find("#filter-campaign").GetAttribute("value"));
    }
}
