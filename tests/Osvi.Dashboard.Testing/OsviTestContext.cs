using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Admin;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Phones;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Testing;

/// <summary>The base of every component test: loose JS interop, MudBlazor with no transitions and no popover-provider
/// check, a fake clock (12 June 2026, 12:00 IST), a <see cref="FakeLiveData"/> the test publishes to, the dashboard's
/// mode, and a signed-in user with a role (<see cref="UseRole"/>). Register page fakes in the derived constructor, then
/// call <see cref="UseInteractiveRenderer"/> last if the component reads <c>RendererInfo</c> (it freezes the services).</summary>
public abstract class OsviTestContext : BunitContext
{
    /// <summary>The instant the fake clock starts at: Friday 12 June 2026, 12:00 in Asia/Kolkata.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 12, 6, 30, 0, TimeSpan.Zero);

    protected OsviTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(5);
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });

        Time = new FakeTimeProvider(Start);
        Live = new FakeLiveData(Time);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new DashboardOptions()));
        Services.AddSingleton<DashboardClock>();
        Services.AddSingleton<ILiveData>(Live);
        Services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        // The real current user and phone display: components see the role set by UseRole.
        Services.AddOptions<DashboardOptions>();
        Services.AddHttpContextAccessor();
        Services.AddScoped<ICurrentUser, CurrentUser>();
        Services.AddScoped<IPhoneNumberDisplay, PhoneNumberDisplay>();
        // The real viewer zone: under loose JS the browser tells nothing, so times fall back to the dashboard's zone.
        Services.AddScoped<IViewerTimeZone, ViewerTimeZone>();
        Settings = new FakeDashboardSettings();
        Services.AddSingleton<IDashboardSettings>(Settings);
        UseMode(DashboardMode.Live);

        Authorization = AddAuthorization();
        UseRole(DashboardRoles.Operator);
    }

    /// <summary>The fake clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The live data the components subscribe to.</summary>
    public FakeLiveData Live { get; }

    /// <summary>The run-time settings (e.g. phone masking for viewers) components read.</summary>
    public FakeDashboardSettings Settings { get; }

    /// <summary>bunit's authentication state.</summary>
    public BunitAuthorizationContext Authorization { get; }

    /// <summary>Types <paramref name="text"/> into the element <paramref name="selector"/> finds (its input event), on the
    /// renderer's dispatcher. bunit's <c>Input()</c> hands the event to the renderer and returns at once; while the renderer
    /// is still busy with the previous render the event waits, so a test that moves the fake clock next could move it
    /// before the field's typing pause had even begun, and then wait for a change that never comes. Raised on the
    /// dispatcher, the handler has run up to its pause when this returns.</summary>
    protected static void Type<TComponent>(IRenderedComponent<TComponent> cut, string selector, string text)
        where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Input(text)).GetAwaiter().GetResult();

    /// <summary>Signs in a user with one dashboard role (viewer, operator, admin): the role claims the real
    /// <see cref="ICurrentUser"/>, guard and phone display read, as in a circuit.</summary>
    protected void UseRole(string role, string userName = "test-user")
    {
        Authorization.SetAuthorized(userName);
        Authorization.SetRoles(role);
    }

    /// <summary>Sets the dashboard's mode (before the first render).</summary>
    protected void UseMode(DashboardMode mode) =>
        Services.AddSingleton(new DashboardModeInfo(mode, mode == DashboardMode.Demo ? new Uri("http://127.0.0.1:5999/") : new Uri("https://api.osvi.ai/")));

    /// <summary>Renders as an interactive Blazor Server circuit would. Call after every service registration.</summary>
    protected void UseInteractiveRenderer() => SetRendererInfo(new RendererInfo("Server", true));
}
