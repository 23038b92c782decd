using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Support;

/// <summary>What the Calls area's components need in bunit: the fake service, the browser module (loose JS, with the
/// calls the tests look at recorded) and the real helpers that need nothing else; the viewer zone comes with
/// <see cref="Testing.OsviTestContext"/>.</summary>
internal static class CallsPageSetup
{
    public static FakeCallsService Setup(BunitContext context)
    {
        var calls = new FakeCallsService();
        context.Services.AddSingleton<ICallsService>(calls);
        context.Services.AddScoped<CallsScript>();
        context.Services.AddSingleton<CallExportTracker>();
        var module = context.JSInterop.SetupModule(CallsScript.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        return calls;
    }
}
