using Bunit;
using Osvi.Client;
using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services.Chat;
using static Osvi.Dashboard.Testing.Fakes.ChatFixtures;

namespace Osvi.Dashboard.Components.Tests.Chat;

public sealed class NewSessionFormTests : ChatTestContext
{
    private ChatSessionView? _started;

    private IRenderedComponent<NewSessionForm> RenderForm(string? replaces = null) =>
        Render<NewSessionForm>(p => p
            .Add(c => c.AgentUuid, Agent)
            .Add(c => c.AgentName, "Order Help Chat")
            .Add(c => c.CustomerId, Customer)
            .Add(c => c.ReplacesSessionId, replaces)
            .Add(c => c.CanOperate, true)
            .Add(c => c.OnStarted, session => _started = session));

    private static void AddContext(IRenderedComponent<NewSessionForm> cut, params string[] entries)
    {
        foreach (var entry in entries)
        {
            cut.Find("#chat-new-add-context").Click();
            cut.Find($"#chat-context-{cut.FindAll(".osvi-chat-context-row").Count - 1}").Input(entry);
        }
    }

    [Fact]
    public void Context_MoreThanFive_MarksTheOldestAsDroppedAndEmptyOnesAsNotSent()
    {
        var cut = RenderForm();

        AddContext(cut, "one", "", "two", "three", "four", "five", "six");

        Assert.Equal(["Dropped", "IgnoredEmpty", "Kept", "Kept", "Kept", "Kept", "Kept"],
            cut.FindAll(".osvi-chat-context-row").Select(row => row.GetAttribute("data-fate")));
        Assert.Contains("dropped by OSVI", cut.Find(".osvi-chat-context-row[data-row='0']").TextContent, StringComparison.Ordinal);
        Assert.Contains("the oldest entry is dropped", cut.Find("#chat-new-dropped").TextContent, StringComparison.Ordinal);
        Assert.Contains("OSVI keeps only the newest 5", cut.Find("#chat-new-context legend").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_FieldsAndContext_SendsThemOnceAndReportsTheNewSession()
    {
        var cut = RenderForm(replaces: SessionId);
        Assert.Contains("OSVI closes it when the new one starts", cut.Find("#chat-new-replaces").TextContent, StringComparison.Ordinal);
        cut.Find("#chat-new-add-field").Click();
        cut.Find("#chat-field-key-0").Input("plan");
        cut.Find("#chat-field-value-0").Input("gold");
        AddContext(cut, "one", "", "two");

        cut.Find("#chat-new-start").Click();

        cut.WaitForAssertion(() => Assert.NotNull(_started));
        Assert.Equal(["start"], Chat.Calls);
        Assert.Equal([new KeyValuePair<string, string>("plan", "gold")], Chat.LastStart!.InputFields);
        Assert.Equal(["one", "two"], Chat.LastStart.Context);
        Assert.Equal(SessionId, Chat.LastStart.ReplacesSessionId);
    }

    [Fact]
    public void Start_DuplicateKey_IsRefusedBeforeSending()
    {
        var cut = RenderForm();
        cut.Find("#chat-new-add-field").Click();
        cut.Find("#chat-field-key-0").Input("plan");
        cut.Find("#chat-new-add-field").Click();
        cut.Find("#chat-field-key-1").Input("plan");

        Assert.Contains("already used above", cut.Find(".osvi-chat-pair[data-row='1']").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("#chat-new-start").HasAttribute("disabled"));
        Assert.Empty(Chat.Calls);
    }

    [Fact]
    public void Start_UnknownAgent_ErrorWithHintBelowTheButtonAndTheFormKept()
    {
        var cut = RenderForm();
        AddContext(cut, "Earlier call: wants a refund");
        Chat.NextFailure = NotFound;

        cut.Find("#chat-new-start").Click();

        cut.WaitForAssertion(() => Assert.Contains("Could not start the session: Not found at OSVI", cut.Find("#chat-new-session .osvi-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Chat needs an active agent", cut.Find("#chat-new-session [data-hint=not-found]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Earlier call: wants a refund", cut.Find("#chat-context-0").GetAttribute("value"));
        Assert.Null(_started);
    }

    [Fact]
    public void Start_OsviRejectsAContextEntry_MessageLandsOnThatRow()
    {
        var cut = RenderForm();
        AddContext(cut, "fine", "", "bad");
        Chat.NextFailure = new OsviError(OsviErrorKind.Validation, 400, "Validation failed", [new OsviFieldError("context[1]", "context[1] must be a string")]);

        cut.Find("#chat-new-start").Click();

        cut.WaitForAssertion(() => Assert.Contains("context[1] must be a string", cut.Find(".osvi-chat-context-row[data-row='2']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("must be a string", cut.Find(".osvi-chat-context-row[data-row='0']").TextContent, StringComparison.Ordinal);
    }
}
