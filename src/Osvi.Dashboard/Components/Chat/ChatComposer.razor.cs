using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MudBlazor;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Components.Chat;

/// <summary>What the composer sends.</summary>
public enum ComposerKind
{
    /// <summary>A message as the customer (<c>POST /v1/chat/inbound</c>), to test the agent.</summary>
    Customer,

    /// <summary>A plain operator message to the customer (support mode only).</summary>
    Message,

    /// <summary>Guidance that fires an agent turn.</summary>
    Tell,

    /// <summary>Private guidance for the agent's next turn.</summary>
    Whisper,

    /// <summary>One context entry.</summary>
    Context,
}

/// <summary>The composer under a conversation. Each send is one request (the button is disabled while it is in flight,
/// and Enter clicks the same button), never retried; the result goes to <see cref="OnSent"/>.</summary>
public sealed partial class ChatComposer
{

    private static readonly ComposerKind[] s_kinds = [ComposerKind.Customer, ComposerKind.Message, ComposerKind.Tell, ComposerKind.Whisper, ComposerKind.Context];

    private ComposerKind _kind = ComposerKind.Customer;
    private string _text = "";
    private bool _sending;
    private object? _failure;
    private string _failedOperation = "";

    [Inject]
    public required IChatService Chat { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    /// <summary>The longest text the console sends (<c>Dashboard:Limits:MaxTextLength</c>; the service checks again).</summary>
    private int MaxLength => Options.Value.Limits.MaxTextLength;

    /// <summary>Where the text goes.</summary>
    [Parameter, EditorRequired]
    public required ChatTarget Target { get; set; }

    /// <summary>The session as last known (its mode enables the plain message; closed disables everything).</summary>
    [Parameter]
    public ChatSessionView? Session { get; set; }

    /// <summary>The user may send (<c>OperateChat</c>); the service checks again.</summary>
    [Parameter]
    public bool CanOperate { get; set; }

    /// <summary>No session yet: only a first message as the customer (OSVI creates the session).</summary>
    [Parameter]
    public bool FirstMessageOnly { get; set; }

    /// <summary>Called with every result, success or failure.</summary>
    [Parameter]
    public EventCallback<ServiceResult<ChatEntry>> OnSent { get; set; }

    /// <summary>The element id (and prefix of the input's).</summary>
    [Parameter]
    public string Id { get; set; } = "chat-composer";

    private string InputId => $"{Id}-input";

    private bool Closed => Session?.IsClosed == true;

    private bool CanType => CanOperate && !Closed;

    private bool CanSend => !_sending && KindEnabled(_kind) && !string.IsNullOrWhiteSpace(_text) && _text.Length <= MaxLength;

    private Color SendColor => _kind is ComposerKind.Customer ? Color.Secondary : _kind is ComposerKind.Whisper or ComposerKind.Context ? Color.Dark : Color.Primary;

    private (string Key, string Text)? Blocked =>
        !CanOperate ? ("role", "Your role can read conversations but not take part in them. Ask an administrator for operator access.")
        : Closed ? ("closed", "This session is closed: OSVI accepts nothing more on it. Start a new session to continue.")
        : _kind == ComposerKind.Message && Session?.InSupportMode != true ? ("not-in-support", "Take over first: plain messages reach the customer only while a human is in control.")
        : null;

    private string InputLabel => _kind switch
    {
        ComposerKind.Customer => "Message as the customer",
        ComposerKind.Message => "Message to the customer",
        ComposerKind.Tell => "Guidance for the agent (it replies at once)",
        ComposerKind.Whisper => "Private guidance for the agent",
        _ => "Context entry",
    };

    private string SendLabel => _kind switch
    {
        ComposerKind.Customer => "Send as customer",
        ComposerKind.Message => "Send to customer",
        ComposerKind.Tell => "Tell agent",
        ComposerKind.Whisper => "Whisper",
        _ => "Add context",
    };

    private string Hint => (_kind switch
    {
        ComposerKind.Customer => FirstMessageOnly
            ? "OSVI opens a session for this customer with the first message and the agent replies."
            : "OSVI treats it as the customer's message; the agent's reply appears above.",
        ComposerKind.Message => "Goes straight to the customer, from you.",
        ComposerKind.Tell => "The agent acts on it and replies to the customer.",
        ComposerKind.Whisper => "Shapes the agent's next reply. The customer never sees it.",
        _ => ContextHint,
    }) + " Enter sends, Shift+Enter adds a line.";

    private string ContextHint => Session?.Context is { Count: >= NewChatSession.MaxContextEntries } context
        ? $"OSVI keeps the newest {NewChatSession.MaxContextEntries}: adding this drops “{Shorten(context[0])}”."
        : $"Adds one entry to the session's context (OSVI keeps the newest {NewChatSession.MaxContextEntries}).";

    private bool KindEnabled(ComposerKind kind) => CanType
        && (!FirstMessageOnly || kind == ComposerKind.Customer)
        && (kind != ComposerKind.Message || Session?.InSupportMode == true);

    private void Select(ComposerKind kind) => _kind = kind;

    // chat.js keeps Enter from adding a line; Shift+Enter (and IME composition) is left to the text box.
    private Task KeyDownAsync(KeyboardEventArgs args) =>
        args is { Key: "Enter", ShiftKey: false, CtrlKey: false, AltKey: false, MetaKey: false, Repeat: false } ? SendAsync() : Task.CompletedTask;

    private async Task SendAsync()
    {
        if (!CanSend)
        {
            return;
        }

        _sending = true;
        _failure = null;
        var kind = _kind;
        var text = _text.Trim();
        try
        {
            // Not cancelled when the page goes away: the command completes, so the history records OSVI's real answer.
            var result = kind switch
            {
                ComposerKind.Customer => await Chat.SendAsCustomerAsync(Target, text, CancellationToken.None),
                ComposerKind.Message => await Chat.SendOperatorCommandAsync(Target, OperatorCommand.Message, text, CancellationToken.None),
                ComposerKind.Tell => await Chat.SendOperatorCommandAsync(Target, OperatorCommand.Tell, text, CancellationToken.None),
                ComposerKind.Whisper => await Chat.SendOperatorCommandAsync(Target, OperatorCommand.Whisper, text, CancellationToken.None),
                _ => await Chat.InjectContextAsync(Target, text, CancellationToken.None),
            };
            if (result.Succeeded)
            {
                _text = "";
            }
            else
            {
                _failure = result.Failure;
                _failedOperation = FailedOperation(kind);
            }

            await OnSent.InvokeAsync(result);
        }
        finally
        {
            _sending = false;
        }
    }

    private static string FailedOperation(ComposerKind kind) => kind switch
    {
        ComposerKind.Customer => "Could not send as the customer",
        ComposerKind.Message => "Could not send your message",
        ComposerKind.Tell => "Could not tell the agent",
        ComposerKind.Whisper => "Could not whisper to the agent",
        _ => "Could not add the context entry",
    };

    private static string KindLabel(ComposerKind kind) => kind switch
    {
        ComposerKind.Customer => "As customer",
        ComposerKind.Message => "Message",
        ComposerKind.Tell => "Tell",
        ComposerKind.Whisper => "Whisper",
        _ => "Context",
    };

    private string KindTitle(ComposerKind kind) => kind switch
    {
        ComposerKind.Customer => "Test the agent: send a message as if the customer wrote it",
        ComposerKind.Message => Session?.InSupportMode == true ? "A message from you to the customer" : "Take over first: only while a human is in control",
        ComposerKind.Tell => "Guidance the agent acts on at once (it replies)",
        ComposerKind.Whisper => "Private guidance for the agent's next reply",
        _ => "Add an entry to the session's context",
    };

    private static string KindIcon(ComposerKind kind) => kind switch
    {
        ComposerKind.Customer => Icons.Material.Outlined.Person,
        ComposerKind.Message => Icons.Material.Outlined.Send,
        ComposerKind.Tell => Icons.Material.Outlined.RecordVoiceOver,
        ComposerKind.Whisper => Icons.Material.Outlined.VisibilityOff,
        _ => Icons.Material.Outlined.NoteAdd,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
