using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Client;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Tests.Dnd;

public sealed class DndPageTests : DndPageTestContext
{
    public DndPageTests() => UseInteractiveRenderer();

    [Fact]
    public async Task Render_NoAgentChosen_AsksForOneAndListsNothing()
    {
        var rendered = await RenderPageAsync();

        Assert.Equal("Do not disturb", rendered.Page.Find("h1").TextContent);
        Assert.Contains("Choose an agent", rendered.Page.Find("#dnd-choose-agent").TextContent, StringComparison.Ordinal);
        Assert.Empty(Dnd.ListRequests);
    }

    [Fact]
    public async Task ChooseActiveAgent_FromThePicker_ShowsItsListAndPutsItInTheAddress()
    {
        var rendered = await RenderPageAsync();

        rendered.Page.Find("#dnd-agent .mud-input-control").MouseDown();
        rendered.Popovers.WaitForAssertion(() => Assert.NotEmpty(rendered.Popovers.FindAll(".mud-list-item")));
        rendered.Popovers.FindAll(".mud-list-item").Single(item => item.TextContent.Contains("Policy Renewals", StringComparison.Ordinal)).Click();

        rendered.Page.WaitForAssertion(() => Assert.Equal("3", rendered.Page.Find("#dnd-total").GetAttribute("data-total")));
        Assert.Equal(Renewals, Dnd.ListRequests[^1].AgentUuid);
        Assert.Contains($"agent_uuid={Renewals}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAgentById_InactiveAgent_ShowsItsListWithANote_BadIdIsRefused()
    {
        var rendered = await RenderPageAsync();
        var field = rendered.Page.Find("#dnd-agent-id");

        field.Input("agent bad id!");
        rendered.Page.Find("#dnd-agent-open").Click();
        Assert.Contains("only letters, digits", rendered.Page.Find("#dnd-agent").TextContent, StringComparison.Ordinal);
        Assert.Empty(Dnd.ListRequests);

        Type(rendered.Page, "#dnd-agent-id", "agent_inactiveOne000000000000000");
        rendered.Page.Find("#dnd-agent-open").Click();

        rendered.Page.WaitForAssertion(() => Assert.Equal("agent_inactiveOne000000000000000", Dnd.ListRequests[^1].AgentUuid));
        Assert.Contains("is not an active agent", rendered.Page.Find("#dnd-agent-inactive").TextContent, StringComparison.Ordinal);
        rendered.Page.WaitForAssertion(() => Assert.NotNull(rendered.Page.Find("#dnd-empty")));
    }

    [Fact]
    public async Task Render_AgentInTheAddress_ListsItsNumbersPageOneNewestFirst()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");

        rendered.Page.WaitForAssertion(() => Assert.Equal(3, rendered.Page.FindAll("#dnd-grid tr.osvi-dnd-row").Count));
        Assert.Equal(["+919876540013", "+919876540012", "+919876540011"], rendered.Page.FindAll("#dnd-grid [data-phone]").Select(cell => cell.GetAttribute("data-phone")));
        Assert.Equal("+91 98765 40013", rendered.Page.FindAll("#dnd-grid .osvi-phone")[0].TextContent);
        Assert.Contains("wrong number", rendered.Page.Find("#dnd-grid").TextContent, StringComparison.Ordinal);
        Assert.Equal(new DndListRequest(Renewals, null, 1, 25), Dnd.ListRequests[^1]);
        Assert.Equal($"dnd/export.csv?agent_uuid={Renewals}", rendered.Page.Find("#dnd-export").GetAttribute("href"));
    }

    [Fact]
    public async Task Search_TypedFragment_IsSentToTheServiceAndTheExportFollowsIt()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => Assert.Equal(3, rendered.Page.FindAll("#dnd-grid tr.osvi-dnd-row").Count));
        Assert.Equal("", rendered.Page.Find("#dnd-total").GetAttribute("data-answered-search"));

        Type(rendered.Page, "#dnd-search", "540012");
        Assert.Equal("", rendered.Page.Find("#dnd-total").GetAttribute("data-answered-search"));
        Time.Advance(TimeSpan.FromMilliseconds(400));   // the field waits 350 ms (on the injected clock) before searching

        rendered.Page.WaitForAssertion(() => Assert.Equal("+919876540012", rendered.Page.Find("#dnd-grid [data-phone]").GetAttribute("data-phone")));
        Assert.Equal("540012", Dnd.ListRequests[^1].Search);
        Assert.Contains("match “540012”", rendered.Page.Find("#dnd-total").TextContent, StringComparison.Ordinal);
        Assert.Equal("540012", rendered.Page.Find("#dnd-total").GetAttribute("data-answered-search"));
        Assert.EndsWith("&search=540012", rendered.Page.Find("#dnd-export").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFails_ShowsOsvisErrorWithRetry()
    {
        Dnd.ListError = new OsviError(OsviErrorKind.NotFound, 404, "Not found", []);

        var rendered = await RenderPageAsync("/dnd?agent_uuid=agent_unknown");

        rendered.Page.WaitForAssertion(() => Assert.Contains("Could not load the DND list: Not found at OSVI", rendered.Page.Find(".osvi-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(rendered.Page.FindAll("#dnd-empty"));
        Dnd.ListError = null;
        rendered.Page.Find(".osvi-error-retry").Click();
        rendered.Page.WaitForAssertion(() => Assert.Empty(rendered.Page.FindAll(".osvi-error")));
    }

    [Fact]
    public async Task Search_FailsUnderAFault_TheErrorAnswersThatSearchAndKeepsWhatWasTyped()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => Assert.Equal(3, rendered.Page.FindAll("#dnd-grid tr.osvi-dnd-row").Count));
        Dnd.ListError = new OsviError(OsviErrorKind.ServerError, 500, "Internal server error", []);

        Type(rendered.Page, "#dnd-search", "98765");
        Time.Advance(TimeSpan.FromMilliseconds(400));

        rendered.Page.WaitForAssertion(() => Assert.Equal("98765", rendered.Page.Find("#dnd-total").GetAttribute("data-answered-search")));
        Assert.Contains("Could not load the DND list: OSVI had an internal error", rendered.Page.Find(".osvi-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("98765", rendered.Page.Find("#dnd-search").GetAttribute("value"));
    }

    [Fact]
    public async Task AddDialog_ValidatesAsTyped_ShowsE164_SendsOnceWithTheReason()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => rendered.Page.Find("#dnd-add").Click());
        var dialog = rendered.Dialogs;
        dialog.WaitForAssertion(() => Assert.NotNull(dialog.Find("#dnd-add-phone")));

        dialog.Find("#dnd-add-phone").Input("98765 4");
        Assert.Contains(dialog.FindAll(".mud-input-helper-text.mud-input-error"), helper => helper.TextContent.Contains("Not a valid number for IN", StringComparison.Ordinal));
        Assert.Contains("Type a number", dialog.Find("#dnd-add-e164").TextContent, StringComparison.Ordinal);
        Assert.True(dialog.Find("#dnd-add-submit").HasAttribute("disabled"));

        dialog.Find("#dnd-add-phone").Input("098765 40099");
        dialog.Find("#dnd-add-reason").Input("asked on the phone");
        Assert.Equal("+919876540099", dialog.Find("#dnd-add-e164 [data-e164]").TextContent);
        Assert.Contains("Will be added as +91 98765 40099", dialog.Find("#dnd-add-e164").TextContent, StringComparison.Ordinal);
        dialog.Find("#dnd-add-submit").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("#dnd-add-phone")));
        var request = Assert.Single(Dnd.AddRequests);
        Assert.Equal((Renewals, "+919876540099", "asked on the phone", DndSources.Manual, (string?)null), (request.AgentUuid, request.Phone, request.Reason, request.Source, request.CallId));
        rendered.Snackbars.WaitForAssertion(() => Assert.Contains("+91 98765 40099 added to the DND list.", rendered.Snackbars.Markup, StringComparison.Ordinal));
        rendered.Page.WaitForAssertion(() => Assert.Equal("4", rendered.Page.Find("#dnd-total").GetAttribute("data-total")));
    }

    [Fact]
    public async Task AddDialog_AnotherCountry_ReadsTheNumberThere()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => rendered.Page.Find("#dnd-add").Click());
        rendered.Dialogs.WaitForAssertion(() => Assert.NotNull(rendered.Dialogs.Find("#dnd-add-phone")));

        rendered.Dialogs.Find("#dnd-add-phone").Input("+44 20 7946 0958");

        Assert.Equal("+442079460958", rendered.Dialogs.Find("#dnd-add-e164 [data-e164]").TextContent);
    }

    [Fact]
    public async Task AddDialog_AlreadyOnTheList_IsReportedAsInformationNotAnError()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => rendered.Page.Find("#dnd-add").Click());
        rendered.Dialogs.WaitForAssertion(() => Assert.NotNull(rendered.Dialogs.Find("#dnd-add-phone")));

        rendered.Dialogs.Find("#dnd-add-phone").Input("9876540011");
        rendered.Dialogs.Find("#dnd-add-submit").Click();

        rendered.Snackbars.WaitForAssertion(() => Assert.Contains("was already on the DND list", rendered.Snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-info", rendered.Snackbars.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDialog_OsviRejectsTheNumber_KeepsWhatWasTypedAndPutsTheMessageOnTheField()
    {
        Dnd.OnAdd = _ => Task.FromResult(ServiceResult<DndAddResult>.Failed(
            new OsviError(OsviErrorKind.Validation, 400, "phone is not a valid phone number", [new OsviFieldError("phone", "phone is not a valid phone number")])));
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => rendered.Page.Find("#dnd-add").Click());
        rendered.Dialogs.WaitForAssertion(() => Assert.NotNull(rendered.Dialogs.Find("#dnd-add-phone")));

        rendered.Dialogs.Find("#dnd-add-phone").Input("9876540077");
        rendered.Dialogs.Find("#dnd-add-reason").Input("keep me");
        rendered.Dialogs.Find("#dnd-add-submit").Click();

        rendered.Dialogs.WaitForAssertion(() => Assert.Contains("Not added: OSVI rejected the input", rendered.Dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains(rendered.Dialogs.FindAll(".mud-input-helper-text.mud-input-error"), helper => helper.TextContent.Contains("phone is not a valid phone number", StringComparison.Ordinal));
        Assert.Equal("9876540077", rendered.Dialogs.Find("#dnd-add-phone").GetAttribute("value"));
        Assert.Equal("keep me", rendered.Dialogs.Find("#dnd-add-reason").GetAttribute("value"));
        Assert.Single(Dnd.AddRequests);
    }

    [Fact]
    public async Task AddDialog_OsviUnreachable_SaysTheOutcomeIsUnknownAndOffersToSendAgain()
    {
        Dnd.OnAdd = _ => Task.FromResult(ServiceResult<DndAddResult>.Failed(new OsviError(OsviErrorKind.Unreachable, null, "OSVI did not answer in time.", [])));
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => rendered.Page.Find("#dnd-add").Click());
        rendered.Dialogs.WaitForAssertion(() => Assert.NotNull(rendered.Dialogs.Find("#dnd-add-phone")));

        rendered.Dialogs.Find("#dnd-add-phone").Input("9876540078");
        rendered.Dialogs.Find("#dnd-add-submit").Click();

        rendered.Dialogs.WaitForAssertion(() => Assert.Contains("Outcome unknown", rendered.Dialogs.Find("#dnd-add-unknown").TextContent, StringComparison.Ordinal));
        Assert.Contains("may or may not have been added", rendered.Dialogs.Find("#dnd-add-unknown").TextContent, StringComparison.Ordinal);
        Assert.Equal("Send again", rendered.Dialogs.Find("#dnd-add-submit").TextContent.Trim());
        Assert.Single(Dnd.AddRequests);
    }

    [Fact]
    public async Task AddDialog_WhileSending_TheButtonIsDisabledSoADoubleClickSendsOnce()
    {
        var answer = new TaskCompletionSource<ServiceResult<DndAddResult>>();
        Dnd.OnAdd = _ => answer.Task;
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => rendered.Page.Find("#dnd-add").Click());
        rendered.Dialogs.WaitForAssertion(() => Assert.NotNull(rendered.Dialogs.Find("#dnd-add-phone")));
        rendered.Dialogs.Find("#dnd-add-phone").Input("9876540079");

        rendered.Dialogs.Find("#dnd-add-submit").Click();
        Assert.True(rendered.Dialogs.Find("#dnd-add-submit").HasAttribute("disabled"));
        Assert.Contains("Adding…", rendered.Dialogs.Find("#dnd-add-submit").TextContent, StringComparison.Ordinal);
        answer.SetResult(ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.Added, "+919876540079", null, "Added.")));

        rendered.Dialogs.WaitForAssertion(() => Assert.Empty(rendered.Dialogs.FindAll("#dnd-add-phone")));
        Assert.Single(Dnd.AddRequests);
    }

    [Fact]
    public async Task Remove_AsksFirst_KeepingItSendsNothing_ConfirmingRemovesOnce()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");
        rendered.Page.WaitForAssertion(() => Assert.Equal(3, rendered.Page.FindAll("#dnd-grid .osvi-dnd-remove").Count));

        rendered.Page.FindAll("#dnd-grid .osvi-dnd-remove")[0].Click();
        rendered.Dialogs.WaitForAssertion(() => Assert.Contains("Remove +91 98765 40013 from the DND list of Policy Renewals?", rendered.Dialogs.Find("#dnd-remove-question").TextContent, StringComparison.Ordinal));
        Assert.Contains("may call this number again", rendered.Dialogs.Markup, StringComparison.Ordinal);
        rendered.Dialogs.Find("#dnd-remove-cancel").Click();
        rendered.Dialogs.WaitForAssertion(() => Assert.Empty(rendered.Dialogs.FindAll("#dnd-remove-question")));
        Assert.Empty(Dnd.RemoveRequests);

        rendered.Page.FindAll("#dnd-grid .osvi-dnd-remove")[0].Click();
        rendered.Dialogs.WaitForAssertion(() => rendered.Dialogs.Find("#dnd-remove-confirm").Click());

        rendered.Page.WaitForAssertion(() => Assert.Equal("2", rendered.Page.Find("#dnd-total").GetAttribute("data-total")));
        var request = Assert.Single(Dnd.RemoveRequests);
        Assert.Equal((Renewals, "+919876540013", DndSources.Manual), (request.AgentUuid, request.Phone, request.Source));
        rendered.Snackbars.WaitForAssertion(() => Assert.Contains("removed from the DND list", rendered.Snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Viewer_ReadsTheListMaskedButHasNoWayToChangeIt()
    {
        Dnd.CanChange = false;
        UseRole(DashboardRoles.Viewer);

        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}");

        rendered.Page.WaitForAssertion(() => Assert.Equal(3, rendered.Page.FindAll("#dnd-grid tr.osvi-dnd-row").Count));
        Assert.NotNull(rendered.Page.Find("#dnd-read-only"));
        Assert.Empty(rendered.Page.FindAll("#dnd-add"));
        Assert.Empty(rendered.Page.FindAll(".osvi-dnd-remove"));
        rendered.Page.WaitForAssertion(() => Assert.Equal("+•• ••••• •0013", rendered.Page.FindAll("#dnd-grid .osvi-phone")[0].TextContent));
        Assert.DoesNotContain("98765 40013", rendered.Page.Find("#dnd-grid").TextContent, StringComparison.Ordinal);
        Assert.True(rendered.Page.Find("#dnd-bulk-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task FromACall_LinkOpensTheAddDialogPrefilled_AndRecordsTheCall()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&add=%2B919876540055&call_id=6f1c2a4e-0000-4000-8000-000000000001");

        rendered.Dialogs.WaitForAssertion(() => Assert.Equal("+919876540055", rendered.Dialogs.Find("#dnd-add-e164 [data-e164]").TextContent));
        Assert.Contains("6f1c2a4e-0000-4000-8000-000000000001", rendered.Dialogs.Find("#dnd-add-from-call").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("add=", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        rendered.Dialogs.Find("#dnd-add-submit").Click();

        rendered.Dialogs.WaitForAssertion(() => Assert.Empty(rendered.Dialogs.FindAll("#dnd-add-phone")));
        var request = Assert.Single(Dnd.AddRequests);
        Assert.Equal(("+919876540055", DndSources.FromCall, "6f1c2a4e-0000-4000-8000-000000000001"), (request.Phone, request.Source, request.CallId));
    }

    [Fact]
    public async Task FromACall_UnencodedPlusInTheLink_StillReadsTheInternationalNumber()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&add=+442079460958&call_id=c-1");

        rendered.Dialogs.WaitForAssertion(() => Assert.Equal("+442079460958", rendered.Dialogs.Find("#dnd-add-e164 [data-e164]").TextContent));
    }

    [Fact]
    public async Task FromACall_NoAgentInTheLink_WaitsForTheAgentThenOpensTheDialog()
    {
        var rendered = await RenderPageAsync("/dnd?add=9876540056&call_id=c-2");
        Assert.Contains("Choose the agent whose DND list gets", rendered.Page.Find("#dnd-pending-add").TextContent, StringComparison.Ordinal);
        Assert.Empty(rendered.Dialogs.FindAll("#dnd-add-phone"));

        Type(rendered.Page, "#dnd-agent-id", Reminders);
        rendered.Page.Find("#dnd-agent-open").Click();

        rendered.Dialogs.WaitForAssertion(() => Assert.Equal("+919876540056", rendered.Dialogs.Find("#dnd-add-e164 [data-e164]").TextContent));
    }

    [Fact]
    public async Task FromACall_Viewer_IsToldTheRoleCannotAddAndNoDialogOpens()
    {
        Dnd.CanChange = false;
        UseRole(DashboardRoles.Viewer);

        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&add=9876540057&call_id=c-3");

        rendered.Page.WaitForAssertion(() => Assert.Contains("your role cannot change DND lists", rendered.Page.Find("#dnd-pending-add").TextContent, StringComparison.Ordinal));
        Assert.Empty(rendered.Dialogs.FindAll("#dnd-add-phone"));
        Assert.Empty(Dnd.AddRequests);
    }

    [Fact]
    public async Task CheckLink_NumberInTheAddress_IsCheckedAtOnceAcrossAgents()
    {
        var rendered = await RenderPageAsync("/dnd/check?phone=9876540011");

        rendered.Page.WaitForAssertion(() => Assert.Equal("1", rendered.Page.Find("#dnd-check-verdict").GetAttribute("data-blocked")));
        Assert.Equal(["+919876540011"], Dnd.Checks);
        Assert.Equal("Blocked", rendered.Page.Find($"#dnd-check-table tr[data-agent-id='{Renewals}']").GetAttribute("data-state"));
        Assert.Contains("customer opted out", rendered.Page.Find($"#dnd-check-table tr[data-agent-id='{Renewals}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-tab-active", rendered.Page.FindAll(".mud-tab")[2].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OneAgentsListUnreadable_ShowsThatAgentAsUnknownWithTheReason()
    {
        Dnd.OnCheck = phone => ServiceResult<DndCheckReport>.Success(new DndCheckReport(phone,
        [
            new DndAgentCheck(new(Reminders, "Appointment Reminder", "active"), DndCheckState.NotBlocked, null, null),
            new DndAgentCheck(new(Renewals, "Policy Renewals", "active"), DndCheckState.Unknown, null, new OsviError(OsviErrorKind.ServerError, 500, "Internal server error", [])),
        ]));
        var rendered = await RenderPageAsync("/dnd?tab=check");

        Type(rendered.Page, "#dnd-check-phone", "98765 40001");
        rendered.Page.Find("#dnd-check-run").Click();

        rendered.Page.WaitForAssertion(() => Assert.Equal("1", rendered.Page.Find("#dnd-check-verdict").GetAttribute("data-unknown")));
        Assert.Contains("1 of 2 could not be checked", rendered.Page.Find("#dnd-check-verdict").TextContent, StringComparison.Ordinal);
        Assert.Contains("OSVI had an internal error: Internal server error", rendered.Page.Find($"#dnd-check-table tr[data-agent-id='{Renewals}']").TextContent, StringComparison.Ordinal);
    }
}
