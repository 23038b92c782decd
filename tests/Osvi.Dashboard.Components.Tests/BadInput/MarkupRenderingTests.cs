using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Components.Pages;
using Osvi.Dashboard.Components.Tests.Support;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Services.Overview;
using Osvi.Dashboard.Testing.Fakes;

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
