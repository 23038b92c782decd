using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;
using CallsPage = Osvi.Dashboard.Components.Pages.Calls;

namespace Osvi.Dashboard.Components.Tests.BadInput;

/// <summary>The markup entries of the bad-input corpus (<c>Osvi.Dashboard.Tests/BadInput/corpus/markup.json</c>) as
/// the texts OSVI returns — agent names, chat replies, DND reasons — rendered by the real components: always as text,
/// never as elements or event handlers.</summary>
public static class MarkupCorpus
{
    public static IReadOnlyList<string> Texts { get; } =
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BadInput", "markup.json"))).RootElement
            .EnumerateArray().Select(e => e.GetProperty("text").GetString()!)];

    public static TheoryData<int> Indexes => [.. Enumerable.Range(0, Texts.Count)];

    private static readonly string[] s_handlers = ["onerror", "onload", "ontoggle", "onmouseover", "onclick"];

    /// <summary>Fails when the markup became elements: injected tags, handlers, javascript: links, the overlay.</summary>
    public static void AssertRenderedAsText(IElement root, string text)
    {
        Assert.Empty(root.QuerySelectorAll("script, iframe, style, details, math, mglyph, img[src=x], #xss-link, #xss-overlay, b[onmouseover], textarea"));
        Assert.DoesNotContain(root.QuerySelectorAll("*"), e => e.Attributes.Any(a => s_handlers.Contains(a.Name, StringComparer.OrdinalIgnoreCase)));
        Assert.Empty(root.QuerySelectorAll("a[href^='javascript']"));
        Assert.Contains(Normalise(text), Normalise(root.TextContent), StringComparison.Ordinal);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public sealed class ChatMarkupTests : ChatTestContext
{
    [Theory]
    [MemberData(nameof(MarkupCorpus.Indexes), MemberType = typeof(MarkupCorpus))]
    public void ChatTimeline_ReplyAndAgentNameWithMarkup_AreText(int index)
    {
        var markup = MarkupCorpus.Texts[index];
        var entry = ChatFixtures.Entry(ChatEntryKind.CustomerMessage, "where is my order") with { Reply = markup };

        var cut = Render<ChatTimeline>(parameters => parameters.Add(p => p.Entries, [entry]).Add(p => p.AgentName, markup));

        var reply = cut.Find("[data-kind=agent]");
        MarkupCorpus.AssertRenderedAsText(reply, markup);
        Assert.Equal(markup, reply.QuerySelector(".osvi-chat-text")!.TextContent);
        Assert.Equal(markup, reply.QuerySelector(".osvi-chat-who")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(MarkupCorpus.Indexes), MemberType = typeof(MarkupCorpus))]
    public void ChatTimeline_CustomerMessageWithMarkup_IsText(int index)
    {
        var markup = MarkupCorpus.Texts[index];

        var cut = Render<ChatTimeline>(parameters => parameters.Add(p => p.Entries, [ChatFixtures.Entry(ChatEntryKind.CustomerMessage, markup)]));

        MarkupCorpus.AssertRenderedAsText(cut.Find("ol, ul, div"), markup);
    }
}

/// <summary>The call log builds each row as one markup string (CallLogRow): every text of a call that OSVI sends must
/// come out as text, in its own cell, with the row still one row of nine cells.</summary>
public sealed class CallLogMarkupTests : Testing.OsviTestContext
{
    private readonly FakeCallsService _calls;

    public CallLogMarkupTests() => _calls = CallsPageSetup.Setup(this);

    [Theory]
    [MemberData(nameof(MarkupCorpus.Indexes), MemberType = typeof(MarkupCorpus))]
    public void CallLog_EveryTextOfACallWithMarkup_IsTextInItsCell(int index)
    {
        var markup = MarkupCorpus.Texts[index];
        _calls.Calls.Add(FakeCallsService.Call(1, new CallStatus(markup)) with
        {
            CallId = markup,
            AgentUuid = markup,
            AgentName = markup,
            EndedBy = markup,
            CallType = new CallType(markup),
            Tag = new CallTagView(markup, null),
        });
        Services.GetRequiredService<NavigationManager>().NavigateTo("calls");

        var cut = Render<CallsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#call-log tbody tr")));
        var row = cut.Find("#call-log tbody tr.osvi-call-row");
        Assert.Equal(9, row.Children.Length);
        MarkupCorpus.AssertRenderedAsText(cut.Find("#call-log tbody"), markup);
        Assert.Equal(markup, row.QuerySelector(".osvi-call-agent")!.TextContent);
        Assert.Equal(markup, row.QuerySelector(".osvi-call-agent")!.GetAttribute("title"));
        Assert.Equal(markup, row.QuerySelector("a.osvi-call-link")!.GetAttribute("data-call-id"));
        Assert.Equal("calls/" + Uri.EscapeDataString(markup), row.QuerySelector("a.osvi-call-link")!.GetAttribute("href"));
        Assert.Equal(markup, row.QuerySelector(".osvi-call-status")!.GetAttribute("data-status"));
        Assert.Equal(markup, row.QuerySelector(".osvi-call-status")!.TextContent);
        Assert.Equal(markup, row.QuerySelector(".osvi-call-type")!.TextContent);
        Assert.Equal(markup, row.QuerySelector(".osvi-call-ended div")!.TextContent);
        Assert.Equal(markup, row.QuerySelector(".osvi-call-tag")!.TextContent);
        Assert.Equal(markup, row.QuerySelector(".osvi-call-tag")!.GetAttribute("data-tag"));
    }
}

public sealed class OverviewMarkupTests : Testing.OsviTestContext
{
    public OverviewMarkupTests() => Services.AddSingleton<IOverviewService>(new FakeOverviewService());

    [Theory]
    [MemberData(nameof(MarkupCorpus.Indexes), MemberType = typeof(MarkupCorpus))]
    public async Task Overview_AgentNamedWithMarkup_IsListedAsText(int index)
    {
        var markup = MarkupCorpus.Texts[index];
        var cut = Render<Overview>();

        await Live.PublishValueAsync<IReadOnlyList<AgentView>>(ActiveAgentsKey.Instance, [new AgentView("agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og", markup, "active")]);

        cut.WaitForAssertion(() => Assert.Equal(markup, cut.Find(".osvi-agent-name").TextContent));
        MarkupCorpus.AssertRenderedAsText(cut.Find("li[data-agent-id=agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og]"), markup);
    }
}

public sealed class DndMarkupTests : DndPageTestContext
{
    [Theory]
    [MemberData(nameof(MarkupCorpus.Indexes), MemberType = typeof(MarkupCorpus))]
    public async Task DndList_ReasonWithMarkup_IsText(int index)
    {
        var markup = MarkupCorpus.Texts[index];
        Dnd.Seed(Reminders, ("+919876540777", markup));

        var rendered = await RenderPageAsync($"/dnd?agent_uuid={Reminders}");

        rendered.Page.WaitForAssertion(() => Assert.NotEmpty(rendered.Page.FindAll("#dnd-grid [data-phone='+919876540777']")));
        MarkupCorpus.AssertRenderedAsText(rendered.Page.Find("#dnd-grid"), markup);
    }
}
