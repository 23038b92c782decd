using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Dnd;

namespace Osvi.Dashboard.Components.Tests.Dnd;

public sealed class DndBulkAndAuditTests : DndPageTestContext
{
    private const string Pasted = "98765 40021, wrong number\n+91 98765 40022\n9876540011\nnot a number\n098765 40021";

    public DndBulkAndAuditTests() => UseInteractiveRenderer();

    [Fact]
    public async Task Paste_ChecksEveryLineBeforeSendingAnything()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=bulk");

        await PasteAsync(rendered, Pasted);

        var preview = rendered.Page.Find("#dnd-bulk-preview");
        Assert.Equal(["5 lines", "3 to send", "1 invalid", "1 repeated"], preview.QuerySelectorAll("[data-count]").Select(count => count.TextContent.Trim()));
        Assert.Contains("Line 4: not a number — Not a phone number: it has no digits.", rendered.Page.Find("#dnd-bulk-invalid").TextContent, StringComparison.Ordinal);
        Assert.Equal("Add 3 numbers…", rendered.Page.Find("#dnd-bulk-start").TextContent.Trim());
        Assert.Empty(rendered.Page.FindAll("#dnd-bulk-report"));
        Assert.DoesNotContain(Dnd.Entries(Renewals), entry => entry.Phone == "+919876540021");
    }

    [Fact]
    public async Task Run_AfterTheConfirmStep_EveryLineGetsItsOutcomeAndTheCountsAddUp()
    {
        var sent = new List<string>();
        Dnd.OnBulkLine = line =>
        {
            sent.Add(line.E164!);
            return line.E164 switch
            {
                "+919876540021" => (DndLineOutcome.Added, "Added (entry 7)."),
                "+919876540022" => (DndLineOutcome.Failed, "OSVI answered HTTP 500: “Internal server error”"),
                _ => (DndLineOutcome.Unknown, "OSVI did not answer in time. The number may or may not have been added: check the list before sending it again."),
            };
        };
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=bulk");
        await PasteAsync(rendered, Pasted);
        rendered.Page.Find("#dnd-bulk-reason").Change("SMS opt-out list");

        rendered.Page.Find("#dnd-bulk-start").Click();
        Assert.Contains("Add 3 numbers to the DND list of Policy Renewals?", rendered.Page.Find("#dnd-bulk-confirm").TextContent, StringComparison.Ordinal);
        Assert.Empty(sent);
        rendered.Page.Find("#dnd-bulk-go").Click();

        rendered.Page.WaitForAssertion(() => Assert.Equal("yes", rendered.Page.Find("#dnd-bulk-report").GetAttribute("data-finished")));
        Assert.Equal(["+919876540021", "+919876540022", "+919876540011"], sent);
        var rows = rendered.Page.FindAll("#dnd-bulk-report tbody tr[data-line]");
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(row => row.GetAttribute("data-line")));
        Assert.Equal(["Added", "Failed", "Unknown", "Invalid", "Repeated"], rows.Select(row => row.GetAttribute("data-outcome")));
        Assert.Contains("Internal server error", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("may or may not have been added", rows[2].TextContent, StringComparison.Ordinal);
        var counts = rendered.Page.FindAll("#dnd-bulk-summary [data-count]").ToDictionary(chip => chip.GetAttribute("data-outcome")!, chip => int.Parse(chip.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, int> { ["Added"] = 1, ["Invalid"] = 1, ["Repeated"] = 1, ["Failed"] = 1, ["Unknown"] = 1 }, counts);
        Assert.Equal(5, counts.Values.Sum());
        Assert.Contains("5 of 5 lines answered", rendered.Page.Find("#dnd-bulk-progress-text").TextContent, StringComparison.Ordinal);
        rendered.Snackbars.WaitForAssertion(() => Assert.Contains("finished with 2 line(s) not done", rendered.Snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ReportFilteredByOutcome_ShowsOnlyThoseLines()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=bulk");
        await PasteAsync(rendered, Pasted);
        rendered.Page.Find("#dnd-bulk-start").Click();
        rendered.Page.Find("#dnd-bulk-go").Click();
        rendered.Page.WaitForAssertion(() => Assert.Equal("yes", rendered.Page.Find("#dnd-bulk-report").GetAttribute("data-finished")));

        // The run's last renders (progress, snackbar) may still be landing: find and click in one dispatch.
        await rendered.Page.InvokeAsync(() => rendered.Page.Find("#dnd-bulk-summary [data-outcome=AlreadyListed]").Click());

        var line = Assert.Single(rendered.Page.FindAll("#dnd-bulk-report tbody tr[data-line]"));
        Assert.Equal("3", line.GetAttribute("data-line"));
        Assert.Contains("Phone has already been taken", line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Remove_ConfirmsWhatRemovingMeansAndReportsRemovedAndNotOnList()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=bulk");
        rendered.Page.Find("#dnd-bulk-operation").QuerySelectorAll("button")[1].Click();
        await PasteAsync(rendered, "9876540011\n9876540099");

        rendered.Page.Find("#dnd-bulk-start").Click();
        Assert.Contains("Remove 2 numbers from the DND list of Policy Renewals?", rendered.Page.Find("#dnd-bulk-confirm").TextContent, StringComparison.Ordinal);
        Assert.Contains("may call these numbers again", rendered.Page.Find("#dnd-bulk-confirm").TextContent, StringComparison.Ordinal);
        rendered.Page.Find("#dnd-bulk-go").Click();

        rendered.Page.WaitForAssertion(() => Assert.Equal(["Removed", "NotOnList"],
            rendered.Page.FindAll("#dnd-bulk-report tbody tr[data-line]").Select(row => row.GetAttribute("data-outcome"))));
        Assert.DoesNotContain(Dnd.Entries(Renewals), entry => entry.Phone == "+919876540011");
    }

    [Fact]
    public async Task Upload_CsvFileWithHeader_IsReadLikePastedText()
    {
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=bulk");

        rendered.Page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("phone,reason\n98765 40031,opted out\nbad\n", "opt-outs.csv"));

        rendered.Page.WaitForAssertion(() => Assert.Contains("opt-outs.csv", rendered.Page.Find("#dnd-bulk-file-name").TextContent, StringComparison.Ordinal));
        Assert.Equal(["2 lines", "1 to send", "1 invalid"], rendered.Page.FindAll("#dnd-bulk-preview [data-count]").Select(count => count.TextContent.Trim()));
        Assert.Contains("Line 3", rendered.Page.Find("#dnd-bulk-invalid").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditView_ShowsWhoWhenWhatSourceAndResult_UnreachableIsOutcomeUnknown()
    {
        Dnd.AuditRows.AddRange(
        [
            Row(3, DndActions.Remove, "+919876540011", DndSources.Bulk, AuditResult.Failed, "OSVI did not answer in time.", errorKind: "Unreachable", bulk: new("ab12cd34", 7)),
            Row(2, DndActions.Add, "+919876540012", DndSources.FromCall, AuditResult.Succeeded, "Added (entry 9).", callId: "6f1c2a4e-0000-4000-8000-000000000001", reason: "asked on the call"),
            Row(1, DndActions.Add, "+919876540013", DndSources.Manual, AuditResult.Refused, "Your role does not allow this (changing DND lists).", user: "vera"),
        ]);
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=audit");

        rendered.Page.WaitForAssertion(() => Assert.Equal(3, rendered.Page.FindAll("#dnd-audit-grid tr.osvi-dnd-audit-row").Count));
        var rows = rendered.Page.FindAll("#dnd-audit-grid tr.osvi-dnd-audit-row");
        Assert.Equal(["Outcome unknown", "Succeeded", "Refused"], rows.Select(row => row.QuerySelector("[data-result]")!.TextContent.Trim()));
        Assert.Contains("run ab12cd34 · line 7", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("calls/6f1c2a4e-0000-4000-8000-000000000001", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("From a call", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("asked on the call", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Policy Renewals", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("+91 98765 40012", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("vera", rows[2].QuerySelector("[data-user]")!.TextContent);
        Assert.Contains("12 Jun 2026, 12:00:00", rows[0].TextContent, StringComparison.Ordinal);   // IST
        Assert.Equal(Renewals, Dnd.AuditQueries[^1].AgentUuid);
    }

    [Fact]
    public async Task AuditView_Filters_AreSentToTheServiceAndCarriedIntoTheExport()
    {
        Dnd.AuditRows.AddRange([Row(2, DndActions.Add, "+919876540012", DndSources.Manual, AuditResult.Succeeded, "Added."), Row(1, DndActions.Add, "+919876540013", DndSources.Manual, AuditResult.Succeeded, "Added.", user: "olu")]);
        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Renewals}&tab=audit");
        rendered.Page.WaitForAssertion(() => Assert.Equal(2, rendered.Page.FindAll("#dnd-audit-grid tr.osvi-dnd-audit-row").Count));

        Type(rendered.Page, "#dnd-audit-phone", "40013");
        Type(rendered.Page, "#dnd-audit-user", "olu");
        Time.Advance(TimeSpan.FromMilliseconds(400));

        rendered.Page.WaitForAssertion(() => Assert.Single(rendered.Page.FindAll("#dnd-audit-grid tr.osvi-dnd-audit-row")));
        Assert.Equal((Renewals, "40013", "olu"), (Dnd.AuditQueries[^1].AgentUuid, Dnd.AuditQueries[^1].Phone, Dnd.AuditQueries[^1].User));
        Assert.Equal($"dnd/audit.csv?agent_uuid={Renewals}&phone=40013&user=olu", rendered.Page.Find("#dnd-audit-export").GetAttribute("href"));
    }

    [Fact]
    public async Task AuditView_RoleMayNotReadIt_SaysSoInsteadOfAnEmptyTrail()
    {
        Dnd.CanReadAudit = false;
        Dnd.CanChange = false;
        UseRole(DashboardRoles.Viewer);

        var rendered = await RenderPageAsync("/dnd?tab=audit");

        rendered.Page.WaitForAssertion(() => Assert.Contains("The DND audit trail: Not allowed", rendered.Page.Find("[data-error-kind=Refused]").TextContent, StringComparison.Ordinal));
        Assert.Empty(rendered.Page.FindAll("#dnd-audit-grid"));
    }

    [Fact]
    public async Task AuditView_Viewer_SeesNumbersMasked()
    {
        Dnd.CanChange = false;
        UseRole(DashboardRoles.Viewer);
        Dnd.AuditRows.Add(Row(1, DndActions.Add, "+919876540012", DndSources.Manual, AuditResult.Succeeded, "Added."));

        var rendered = await RenderPageAsync("/dnd?tab=audit");

        rendered.Page.WaitForAssertion(() => Assert.Equal("+•• ••••• •0012", rendered.Page.Find("#dnd-audit-grid .osvi-phone").TextContent));
    }

    private async Task PasteAsync(DndRendered rendered, string text)
    {
        Type(rendered.Page, "#dnd-bulk-text", text);
        Time.Advance(TimeSpan.FromMilliseconds(400));   // the field waits 300 ms (on the injected clock)
        await Task.Yield();
        rendered.Page.WaitForAssertion(() => Assert.NotEmpty(rendered.Page.FindAll("#dnd-bulk-preview [data-count]")));
    }

    private static DndAuditRow Row(long id, string action, string phone, string source, AuditResult result, string message,
        string user = "anonymous", string? errorKind = null, DndBulkReference? bulk = null, string? callId = null, string? reason = null) => new()
    {
        Id = id,
        OccurredAt = Start,
        User = user,
        Action = action,
        AgentUuid = Renewals,
        Phone = phone,
        Source = source,
        Result = result,
        Message = message,
        ErrorKind = errorKind,
        Bulk = bulk,
        CallId = callId,
        Reason = reason,
    };
}
