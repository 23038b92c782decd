using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Osvi.Client;
using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Calls;

public sealed class StartCallDialogTests : OsviTestContext
{
    private const string Agent = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og";
    private readonly FakeCallsService _calls;

    public StartCallDialogTests() => _calls = CallsPageSetup.Setup(this);

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<string?> Result)> OpenAsync(StartCallPrefill? prefill = null)
    {
        await Live.PublishValueAsync<IReadOnlyList<AgentView>>(ActiveAgentsKey.Instance,
            [new AgentView(Agent, "Appointment Reminder", "active"), new AgentView("agent_x9KpL2Mn_41Tg83YWQNca-B_pe", "Support Line", "active")]);
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        Task<string?> result = null!;
        // A statement lambda: the dialog's task completes only when it closes, so it must not be awaited here.
        await provider.InvokeAsync(() => { result = StartCallDialog.ShowAsync(dialogs, prefill ?? new StartCallPrefill(Agent, null, null), "call-log"); });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#start-call-form")));
        return (provider, result);
    }

    // As a browser does: "input" while typing (fields that update immediately listen to it), then "change" when the field
    // is left (the others commit on it).
    private static void TypeAndLeave(IRenderedComponent<MudDialogProvider> provider, string selector, string value)
    {
        if (provider.Find(selector).HasAttribute("blazor:oninput"))
        {
            provider.Find(selector).Input(value);
        }

        if (provider.Find(selector).HasAttribute("blazor:onchange"))
        {
            provider.Find(selector).Change(value);
        }
    }

    [Fact]
    public async Task Phone_Typed_ShowsTheE164NumberItWillCall()
    {
        var (provider, _) = await OpenAsync();

        TypeAndLeave(provider, "input#call-phone", "098765 43210");

        Assert.Contains("Will call +919876543210 (India)", provider.Find("#start-call-form").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_InvalidForm_PutsEachMessageOnItsFieldAndSendsNothing()
    {
        var (provider, _) = await OpenAsync();
        TypeAndLeave(provider, "input#call-phone", "12345");
        provider.Find("#panel-prompt .mud-expand-panel-header").Click();
        TypeAndLeave(provider, "textarea#call-greeting", new string('x', 2001));

        provider.Find("#review-call").Click();

        var form = provider.Find("#start-call-form").TextContent;
        Assert.Contains("Too short", form, StringComparison.Ordinal);
        Assert.Contains("At most 2,000 characters (now 2,001).", form, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("#start-call-confirm"));
        Assert.Empty(_calls.StartRequests);

        TypeAndLeave(provider, "textarea#call-greeting", "Hello!");
        Assert.DoesNotContain("At most 2,000", provider.Find("#start-call-form").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_NumberOnTheAgentsDndList_WarnsBeforeSending()
    {
        _calls.OnFindOnDndList = (agent, phone) => ServiceResult<DndEntryView?>.Success(
            agent == Agent && phone == "+919876543210" ? new DndEntryView(1, agent, phone, "asked not to be called", OsviTestContext.Start) : null);
        var (provider, _) = await OpenAsync();
        TypeAndLeave(provider, "input#call-phone", "9876543210");

        provider.Find("#review-call").Click();

        provider.WaitForAssertion(() => Assert.Contains("Check and start the call", provider.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal));
        provider.WaitForAssertion(() => Assert.Contains("on Appointment Reminder's Do-Not-Disturb list (“asked not to be called”)", provider.Find("#start-call-dnd").TextContent, StringComparison.Ordinal));
        Assert.Contains("+919876543210, sent as 9876543210 + IN", provider.Find("#confirm-number").TextContent, StringComparison.Ordinal);
        Assert.Empty(_calls.StartRequests);
    }

    [Fact]
    public async Task Send_DoubleClick_SendsOneRequestAndTheButtonIsDisabledWhileInFlight()
    {
        var pending = new TaskCompletionSource<ServiceResult<string>>();
        _calls.OnStartCall = (_, _, _) => pending.Task;
        var (provider, result) = await OpenAsync();
        TypeAndLeave(provider, "input#call-phone", "9876500001");
        TypeAndLeave(provider, "input#call-person", "Ravi");
        provider.Find("#review-call").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#start-call")));
        var button = provider.Find("#start-call");

        button.Click();
        await provider.InvokeAsync(() => button.Click());   // the second click of a double click, already on its way

        Assert.Single(_calls.StartRequests);
        Assert.True(provider.Find("#start-call").HasAttribute("disabled"));
        Assert.Contains("Starting…", provider.Find("#start-call").TextContent, StringComparison.Ordinal);
        var (command, source) = _calls.StartRequests[0];
        Assert.Equal((Agent, "+919876500001", "9876500001", "IN", "Ravi", "call-log"), (command.AgentUuid, command.PhoneE164, command.NationalNumber, command.CountryCode, command.PersonName, source));

        pending.SetResult(ServiceResult<string>.Success("call-42"));
        Assert.Equal("call-42", await result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Send_OsviRejectsAField_ShowsItOnThatFieldAndKeepsEverythingTyped()
    {
        _calls.OnStartCall = (_, _, _) => Task.FromResult(ServiceResult<string>.Failed(new OsviError(OsviErrorKind.Validation, 400,
            "Validation failed", [new OsviFieldError("phone_number", "phone_number is on the agent's DND list"), new OsviFieldError("webhook_url", "webhook_url must be a valid HTTP or HTTPS URL with a host")])));
        var (provider, _) = await OpenAsync();
        TypeAndLeave(provider, "input#call-phone", "9876500001");
        TypeAndLeave(provider, "input#call-person", "Ravi Kumar");
        provider.Find("#review-call").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#start-call")));

        provider.Find("#start-call").Click();

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#start-call-form")));
        Assert.Contains("OSVI answered HTTP 400: “Validation failed”", provider.Find("#start-call-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("phone_number is on the agent's DND list", provider.Find("input#call-phone").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("must be a valid HTTP or HTTPS URL", provider.Find("#panel-webhook").TextContent, StringComparison.Ordinal);
        Assert.Equal("9876500001", provider.Find("input#call-phone").GetAttribute("value"));
        Assert.Equal("Ravi Kumar", provider.Find("input#call-person").GetAttribute("value"));
        Assert.Single(_calls.StartRequests);
    }

    [Fact]
    public async Task Send_OsviUnreachable_SaysTheOutcomeIsUnknownAndAsksToCheckTheLogBeforeAnotherTry()
    {
        _calls.OnStartCall = (_, _, _) => Task.FromResult(ServiceResult<string>.Failed(new OsviError(OsviErrorKind.Unreachable, null, "The request timed out", [])));
        var (provider, _) = await OpenAsync();
        TypeAndLeave(provider, "input#call-phone", "9876500001");
        provider.Find("#review-call").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#start-call")));

        provider.Find("#start-call").Click();

        provider.WaitForAssertion(() => Assert.Contains("may or may not have placed this call", provider.Find("#start-call-unknown").TextContent, StringComparison.Ordinal));
        Assert.Contains("The call's outcome is unknown", provider.Find("#start-call-error").TextContent, StringComparison.Ordinal);
        Assert.Equal($"calls?agent_uuid={Agent}&phone_number=9876500001", provider.Find("#check-call-log").GetAttribute("href"));
        Assert.True(provider.Find("#start-call").HasAttribute("disabled"));
        provider.Find("#start-call").Click();
        Assert.Single(_calls.StartRequests);

        provider.Find("#start-call-anyway").Click();
        Assert.False(provider.Find("#start-call").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Form_EveryOptionalField_GoesIntoTheRequest()
    {
        var (provider, result) = await OpenAsync();
        TypeAndLeave(provider, "input#call-phone", "+44 20 7946 0958");
        provider.Find("#panel-prompt .mud-expand-panel-header").Click();
        TypeAndLeave(provider, "textarea#call-system-prompt", "Be brief.");
        TypeAndLeave(provider, "textarea#call-greeting", "Hello John");
        provider.Find("#panel-data .mud-expand-panel-header").Click();
        provider.Find("#add-data-row").Click();
        TypeAndLeave(provider, "#additional-data-editor [data-row='0'] .osvi-kv-key input", "appointment_date");
        TypeAndLeave(provider, "#additional-data-editor [data-row='0'] .osvi-kv-value input", "2025-01-15");
        provider.Find("#panel-webhook .mud-expand-panel-header").Click();
        TypeAndLeave(provider, "input#call-webhook", "https://example.com/osvi-webhook");
        provider.Find("#panel-behaviour .mud-expand-panel-header").Click();
        TypeAndLeave(provider, "input#call-max-duration", "300");
        provider.Find("#panel-extraction .mud-expand-panel-header").Click();
        provider.Find("#add-extraction-row").Click();
        TypeAndLeave(provider, "#extraction-editor [data-row='0'] input", "appointment_confirmed");

        provider.Find("#review-call").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#start-call")));
        provider.Find("#start-call").Click();
        await result.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);

        var request = Assert.Single(_calls.StartRequests).Command.ToRequest();
        Assert.Equal(("2079460958", "GB", "Be brief.", "Hello John", "https://example.com/osvi-webhook"),
            (request.PhoneNumber, request.CountryCode, request.SystemPrompt, request.InitialGreeting, request.WebhookUrl));
        Assert.Equal("2025-01-15", request.AdditionalData!["appointment_date"].GetString());
        Assert.Equal(300, request.CallConfigOverrides!.MaxCallDurationSeconds);
        Assert.Equal("appointment_confirmed", Assert.Single(request.DataExtraction!).Key);
    }

    [Fact]
    public async Task Open_InactiveAgentFromALink_IsNamedAndRefusedBeforeSending()
    {
        var (provider, _) = await OpenAsync(new StartCallPrefill("agent_inactive_0000000000", "9876500001", null));

        provider.Find("#review-call").Click();

        Assert.Contains("This agent is not active", provider.Find("#start-call-form").TextContent, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("#start-call-confirm"));
    }

    [Fact]
    public async Task Open_Viewer_SaysTheRoleMayNotStartCalls()
    {
        UseRole(DashboardRoles.Viewer);

        var (provider, _) = await OpenAsync();

        Assert.Contains("Your role does not allow starting calls", provider.Find("#start-call-not-allowed").TextContent, StringComparison.Ordinal);
        Assert.True(provider.Find("#review-call").HasAttribute("disabled"));
    }
}
