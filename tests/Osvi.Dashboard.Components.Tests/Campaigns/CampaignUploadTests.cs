using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Campaigns;

/// <summary>The upload page: a file is read, mapped, checked on the server and previewed; nothing is sent while bad rows
/// remain; after the confirm step the batches go out and their report is shown.</summary>
public sealed class CampaignUploadTests : CampaignsTestContext
{
    private const string GoodAndBad = """
        phone,person_name,plan
        9876543210,Ravi,Pro
        12345,Too Short,Basic
        +91 98765 00000,Anita Desai,Basic
        98765 43210,Ravi Kumar,Gold

        ,No Phone,Pro
        """;

    [Fact]
    public async Task UploadFile_GoodAndBadRows_PreviewShowsEveryRowsOutcomeWithLinesAndReasons()
    {
        var cut = await RenderAsync();

        Upload(cut, GoodAndBad);

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#contact-preview").GetAttribute("data-invalid")));
        Assert.Contains("Read “contacts.csv”: 6 rows, comma separated, UTF-8.", cut.Find("#source-read").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", cut.Find("#contact-preview").GetAttribute("data-ready"));
        Assert.Equal("1", cut.Find("#contact-preview").GetAttribute("data-duplicates"));
        Assert.Contains("2 rows have no valid phone number (lines 3, 7)", cut.Find("#bad-rows").TextContent, StringComparison.Ordinal);
        // Bad rows are listed first, with their lines and reasons.
        var rows = cut.FindAll("#preview-table tbody tr");
        Assert.Equal(["3", "7"], rows.Select(row => row.QuerySelector("[data-line]")!.TextContent));
        Assert.Contains("Too short for a number of that country.", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("No phone number in the phone column.", rows[1].TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("#review-send").HasAttribute("disabled"));
        Assert.Equal("Fix or leave out the bad rows first.", cut.Find("#send-summary").TextContent);

        await ClickAsync(cut, "[data-filter=duplicate]");
        cut.WaitForAssertion(() => Assert.Contains("Same number as line 5, which is kept (it has the longer name).", cut.Find("#preview-table tbody").TextContent, StringComparison.Ordinal));
        Assert.Empty(Uploads.Requests);
    }

    [Fact]
    public async Task Mapping_ChangedColumns_ReCheckTheRowsOnTheServer()
    {
        var cut = await RenderAsync();
        Upload(cut, "Customer,Mobile,Alt phone\nRavi,9876543210,12\nAnita,9876500000,13\n");
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#contact-preview").GetAttribute("data-ready")));
        Assert.Equal(["name", "phone", "variable"], cut.FindAll("#mapping-columns tbody tr").Select(row => row.GetAttribute("data-role")));
        Assert.Equal("{{alt_phone}}", cut.Find("[data-variable-key]").TextContent);

        // The wrong column as the phone: every row becomes bad.
        var phone = cut.FindComponents<MudSelect<int>>().First();
        await cut.InvokeAsync(() => phone.Instance.ValueChanged.InvokeAsync(2));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#contact-preview").GetAttribute("data-invalid")));
        Assert.Equal(["name", "variable", "phone"], cut.FindAll("#mapping-columns tbody tr").Select(row => row.GetAttribute("data-role")));

        // No header: the titles row is checked as a contact too.
        await cut.InvokeAsync(() => phone.Instance.ValueChanged.InvokeAsync(1));
        var header = cut.FindComponent<MudSwitch<bool>>();
        await cut.InvokeAsync(() => header.Instance.ValueChanged.InvokeAsync(false));
        cut.WaitForAssertion(() => Assert.Equal(("2", "1"), (cut.Find("#contact-preview").GetAttribute("data-ready"), cut.Find("#contact-preview").GetAttribute("data-invalid"))));
        Assert.Contains("Not a phone number: it has no digits.", cut.Find("#preview-table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BadRowsLeftOutAndConfirmed_SendsTheRestOnceAndShowsTheReport()
    {
        var cut = await RenderAsync();
        Upload(cut, GoodAndBad);
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("#contact-preview").GetAttribute("data-invalid")));

        await cut.InvokeAsync(() => cut.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));
        await cut.InvokeAsync(() => cut.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label!.StartsWith("Queue", StringComparison.Ordinal)).Instance.ValueChanged.InvokeAsync(true));
        await ClickAsync(cut, "#review-send");

        var confirm = cut.WaitForElement("#upload-confirm");
        Assert.Contains("Send 2 contacts to “June Renewals”?", confirm.TextContent, StringComparison.Ordinal);
        Assert.Contains("Agent: Policy Renewals", confirm.TextContent, StringComparison.Ordinal);
        Assert.Contains("Calls are queued at once.", confirm.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 bad rows are left out.", confirm.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 duplicate was removed (the longer name kept).", confirm.TextContent, StringComparison.Ordinal);
        Assert.Empty(Uploads.Requests);

        await ClickAsync(cut, "#confirm-send");

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#upload-report").GetAttribute("data-finished")));
        var request = Assert.Single(Uploads.Requests);
        Assert.Equal((7L, RenewalsAgent, true), (request.CampaignId, request.AgentUuid, request.Enqueue));
        Assert.Equal([4, 5], request.Batches.Single().Rows.Select(row => row.Line));
        Assert.Equal("succeeded", cut.Find("#report-outcome").GetAttribute("data-outcome"));
        Assert.Contains("The batch went through: 2 contacts stored, 2 calls queued.", cut.Find("#report-outcome").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#confirm-send"));
    }

    [Fact]
    public async Task Send_SecondOfThreeBatchesFails_ReportSaysExactlyWhichWentThrough()
    {
        ConfigureCampaigns = options => options.BatchSize = 2;
        Uploads.AnswerBatch = (request, batch) => batch.Number == 2
            ? batch.FailedWith(new OsviError(OsviErrorKind.Validation, 400, "1 fields are invalid; nothing was stored", [new OsviFieldError("contacts[1].phone", "contacts[1].phone is not a valid phone number")]))
            : batch.Stored(new Osvi.Client.Contracts.ContactUploadResult { CampaignUploadId = 40 + batch.Number, ContactsReceived = batch.Contacts, ContactsAccepted = batch.Contacts });
        var cut = await RenderAsync();
        Upload(cut, "phone\n9876500001\n9876500002\n9876500003\n9876500004\n9876500005\n");
        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("#contact-preview").GetAttribute("data-ready")));
        Assert.Equal("5 contacts in 3 batches.", cut.Find("#send-summary").TextContent);

        await ClickAsync(cut, "#review-send");
        await ClickAsync(cut, "#confirm-send");

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#upload-report").GetAttribute("data-finished")));
        Assert.Equal(["sent", "failed", "notsent"], cut.FindAll("#report-batches tbody tr").Select(row => row.GetAttribute("data-state")));
        var outcome = cut.Find("#report-outcome").TextContent;
        Assert.Contains("Batch 2 of 3 failed: OSVI did not store it", outcome, StringComparison.Ordinal);
        Assert.Contains("OSVI answered HTTP 400: “1 fields are invalid; nothing was stored”", outcome, StringComparison.Ordinal);
        Assert.Contains("Batch 1 went through (upload #41, 2 contacts). Batch 3 was not sent.", outcome, StringComparison.Ordinal);
        Assert.Contains("Line 5: contacts[1].phone is not a valid phone number", cut.Find("#report-row-problems").TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent twice", outcome, StringComparison.Ordinal);
        Assert.Contains("Contacts not stored (CSV, 3)", cut.Find("#download-not-sent").TextContent, StringComparison.Ordinal);
        Assert.Single(Uploads.Requests);
    }

    [Fact]
    public async Task Check_AgentWithDndNumbers_FlagsThemAndSaysOsviSkipsThem()
    {
        Uploads.Dnd[RenewalsAgent] = ["+919876500000"];
        var cut = await RenderAsync();

        Upload(cut, GoodAndBad);

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#contact-preview").GetAttribute("data-dnd")));
        await ClickAsync(cut, "[data-filter=ondndlist]");
        cut.WaitForAssertion(() => Assert.Contains("On the agent's DND list: OSVI will skip it and report it.", cut.Find("#preview-table tbody").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UploadFile_LargerThanTheLimit_IsRefusedWithTheLimitAndTheSetting()
    {
        ConfigureCampaigns = options => options.MaxUploadBytes = 2048;
        var cut = await RenderAsync();

        Upload(cut, "phone\n" + string.Join("\n", Enumerable.Repeat("9876543210", 400)), "big.csv");

        cut.WaitForAssertion(() => Assert.Contains("“big.csv” is 4.3 KB; the limit is 2 KB (Dashboard:Campaigns:MaxUploadBytes).", cut.Find("#source-problem").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#contact-preview"));
    }

    [Fact]
    public async Task Render_FeedsAlreadyWarmFromAnotherPage_ChoosesTheLatestUploadsAgentAtOnce()
    {
        // Coming from the campaign page the shared feeds already hold their snapshots, so no callback arrives until the
        // next poll; the default agent must not wait for it.
        await PublishAgentsAsync();
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View(uploads: CampaignFixtures.Upload(19, 50, true))));

        var cut = Render<CampaignUpload>(parameters => parameters.Add(page => page.CampaignId, 7));
        Upload(cut, "phone,person_name\n9876543210,Ravi\n");
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#contact-preview").GetAttribute("data-ready")));

        cut.WaitForAssertion(() => Assert.Equal("1 contact in 1 batch.", cut.Find("#send-summary").TextContent));
        await ClickAsync(cut, "#review-send");
        Assert.Contains("Agent: Policy Renewals", cut.WaitForElement("#upload-confirm").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Viewer_ExplainsUploadsNeedTheOperatorRole()
    {
        UseRole(DashboardRoles.Viewer);

        var cut = await RenderAsync();

        Assert.Contains("Uploading contacts needs the operator role", cut.Find("#upload-not-allowed").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindComponents<InputFile>());
    }

    private async Task<IRenderedComponent<CampaignUpload>> RenderAsync()
    {
        var cut = Render<CampaignUpload>(parameters => parameters.Add(page => page.CampaignId, 7));
        await PublishAgentsAsync();
        await PublishCampaignAsync(CampaignFixtures.Progress(CampaignFixtures.View(uploads: CampaignFixtures.Upload(19, 50, true))));
        return cut;
    }

    private static void Upload(IRenderedComponent<CampaignUpload> cut, string text, string name = "contacts.csv")
    {
        cut.WaitForElement("#contacts-file");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));
    }
}
