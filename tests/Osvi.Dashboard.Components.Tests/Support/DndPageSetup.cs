using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Dnd;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;
using DndPage = Osvi.Dashboard.Components.Pages.Dnd;

namespace Osvi.Dashboard.Components.Tests.Support;

/// <summary>The DND page under bunit: a <see cref="FakeDndService"/>, the dialog, snackbar and popover providers, and
/// the active agents published on the fake live feed.</summary>
public abstract class DndPageTestContext : OsviTestContext
{
    public const string Renewals = "agent_J4RK39KQg7g00MsYLe2yEfkev7";
    public const string Reminders = "agent_UlP9m8zeCMq7znXm4zRMPf7Wb8";

    public static readonly IReadOnlyList<AgentView> ActiveAgents =
    [
        new(Reminders, "Appointment Reminder", "active"),
        new(Renewals, "Policy Renewals", "active"),
    ];

    protected DndPageTestContext()
    {
        Services.AddSingleton<IDndService>(Dnd);
        Dnd.Seed(Renewals, ("+919876540011", "customer opted out"), ("+919876540012", null), ("+919876540013", "wrong number"));
    }

    protected FakeDndService Dnd { get; } = new();

    /// <summary>Renders the providers and the page at <paramref name="uri"/>, with the active agents published.</summary>
    protected async Task<DndRendered> RenderPageAsync(string uri = "/dnd")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<DndPage>();
        await Live.PublishValueAsync(ActiveAgentsKey.Instance, ActiveAgents);
        return new DndRendered(page, dialogs, snackbars, popovers);
    }
}

/// <summary>The rendered page and the providers its dialogs, snackbars and drop-downs appear in.</summary>
public sealed record DndRendered(
    IRenderedComponent<DndPage> Page,
    IRenderedComponent<MudDialogProvider> Dialogs,
    IRenderedComponent<MudSnackbarProvider> Snackbars,
    IRenderedComponent<MudPopoverProvider> Popovers);
