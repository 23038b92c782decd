using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Services.Chat;
using Osvi.Dashboard.Testing;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Support;

/// <summary>A component test of the chat console: fake chat service and history (commands are recorded and announced
/// like the real ones), the known agents, and the console's browser helper (its script answers nothing under bunit, so
/// times show in the dashboard's zone, Asia/Kolkata).</summary>
public abstract class ChatTestContext : OsviTestContext
{
    protected ChatTestContext()
    {
        History = new FakeChatHistory(Time);
        Chat = new FakeChatService(History);
        Services.AddSingleton<IChatHistory>(History);
        Services.AddSingleton<IChatService>(Chat);
        Services.AddSingleton<IChatAgentDirectory>(Agents);
        Services.AddScoped<ChatBrowser>();
    }

    public FakeChatHistory History { get; }

    public FakeChatService Chat { get; }

    public FakeChatAgentDirectory Agents { get; } = new();
}
