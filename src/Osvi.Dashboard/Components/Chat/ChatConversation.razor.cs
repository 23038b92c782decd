using Microsoft.AspNetCore.Components;
using MudBlazor;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Live;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Components.Chat;

/// <summary>One session on screen. Its entries come from the dashboard's history and arrive live from every browser
/// (the history announces new entries; nothing is polled for them); its state (mode, status, help requested) from the
/// shared live feed of the customer's open session, so changes made elsewhere (the customer asking for a person,
/// dormancy, a close from another tool) show up too.</summary>
public sealed partial class ChatConversation
{
    /// <summary>How many of the newest entries are shown.</summary>
    public const int MaxEntries = 300;

    private readonly List<ChatEntry> _entries = [];
    private ChatSessionView? _session;
    private ChatSessionView? _newer;
    private LiveSnapshot<ActiveChatLookup> _live = LiveSnapshot<ActiveChatLookup>.Pending;
    private IDisposable? _historyWatch;
    private DateTimeOffset _openedAt;
    private ElementReference _scroller;
    private int _totalCount;
    private bool _loaded;
    private bool _following;
    private bool _scrollPending;
    private bool _forceScroll;
    private bool _busy;
    private object? _controlFailure;
    private string _controlOperation = "";

    [Inject]
    public required IChatService Chat { get; init; }

    [Inject]
    public required IChatHistory History { get; init; }

    [Inject]
    public required ChatBrowser Browser { get; init; }

    [Inject]
    public required IViewerTimeZone ViewerZone { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The session.</summary>
    [Parameter, EditorRequired]
    public required string SessionId { get; set; }

    /// <summary>Its agent.</summary>
    [Parameter, EditorRequired]
    public required string AgentUuid { get; set; }

    /// <summary>Its customer.</summary>
    [Parameter, EditorRequired]
    public required string CustomerId { get; set; }

    /// <summary>The session as OSVI just described it (lookup or start), if known.</summary>
    [Parameter]
    public ChatSessionView? InitialSession { get; set; }

    /// <summary>The agent's name, if known.</summary>
    [Parameter]
    public string? AgentName { get; set; }

    /// <summary>The user may act (<c>OperateChat</c>); the service checks again.</summary>
    [Parameter]
    public bool CanOperate { get; set; }

    /// <summary>Opens another session of the customer (by id).</summary>
    [Parameter]
    public EventCallback<string> OnOpenSession { get; set; }

    /// <summary>Asks for the new-session form.</summary>
    [Parameter]
    public EventCallback OnStartNew { get; set; }

    private ChatTarget Target => new(AgentUuid, CustomerId, SessionId);

    private ChatSessionKey Key => new(AgentUuid, CustomerId);

    private bool CanControl => CanOperate && !_busy && _session?.IsClosed != true;

    private string AgentDisplayName => AgentName ?? "Agent";

    private string RefreshText => (_live.UpdatedAt, _live.Error) switch
    {
        ({ } at, null) => $"State from OSVI at {Browser.Time(at)}",
        ({ } at, _) => $"Stale: state from OSVI at {Browser.Time(at)}",
        (null, not null) => "Could not ask OSVI for the state",
        _ => "Asking OSVI for the state…",
    };

    protected override async Task OnInitializedAsync()
    {
        _openedAt = Time.GetUtcNow();
        _session = InitialSession;
        _historyWatch = History.Watch(SessionId, entry => InvokeAsync(() =>
        {
            Add(entry, applyState: true);
            StateHasChanged();
        }));
        _live = Watch(Key, OnLive);
        Live.RequestRefresh(Key);

        ChatTranscript transcript;
        try
        {
            transcript = await History.GetSessionAsync(SessionId, MaxEntries, ComponentCancellation);
        }
        catch (OperationCanceledException) when (ComponentCancellation.IsCancellationRequested)
        {
            return;
        }

        // Recorded states are older than a description OSVI just gave; without one they are the best there is.
        var applyRecordedState = InitialSession is null;
        foreach (var entry in transcript.Entries)
        {
            Add(entry, applyRecordedState);
        }

        _totalCount = Math.Max(transcript.TotalCount, _entries.Count);
        _loaded = true;
        OnLive(_live);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await ViewerZone.DetectAsync())
        {
            StateHasChanged();
        }

        if (!_loaded)
        {
            return;
        }

        if (!_following)
        {
            _following = true;
            await Browser.FollowAsync(_scroller);
        }
        else if (_scrollPending)
        {
            _scrollPending = false;
            var force = _forceScroll;
            _forceScroll = false;
            await Browser.ScrollToEndAsync(_scroller, force);
        }
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _historyWatch?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnLive(LiveSnapshot<ActiveChatLookup> snapshot)
    {
        _live = snapshot;
        // A snapshot polled before this view opened may predate the session itself.
        if (!snapshot.HasValue || snapshot.Value is null || snapshot.UpdatedAt <= _openedAt)
        {
            return;
        }

        var open = snapshot.Value.Session;
        if (open?.Id == SessionId)
        {
            _session = open;
            _newer = null;
            return;
        }

        // OSVI lists every open (active or dormant) session: this one is not, so it is closed.
        _newer = open;
        if (_session is not null && !_session.IsClosed)
        {
            _session = _session with { Status = ChatSessionStatus.Closed };
        }
        else
        {
            _session ??= Provisional() with { Status = ChatSessionStatus.Closed };
        }
    }

    private void Add(ChatEntry entry, bool applyState)
    {
        if (entry.SessionId != SessionId || _entries.Exists(existing => existing.Id == entry.Id))
        {
            return;
        }

        var index = entry.Id < 0 ? _entries.Count : _entries.FindIndex(existing => existing.Id > entry.Id || existing.Id < 0);
        _entries.Insert(index < 0 ? _entries.Count : index, entry);
        if (_loaded)
        {
            _totalCount++;
        }

        _scrollPending = true;
        if (applyState)
        {
            Apply(entry);
        }
    }

    // What a recorded command tells about the session's state, until OSVI's own description (the live feed) arrives.
    private void Apply(ChatEntry entry)
    {
        if (entry.Delivered)
        {
            var session = _session ?? Provisional();
            _session = session with
            {
                Mode = entry.Mode ?? session.Mode,
                Status = entry.Status ?? session.Status,
                HelpRequested = entry.HelpRequested ?? session.HelpRequested,
                ActiveHuman = entry.Kind switch
                {
                    ChatEntryKind.Takeover => entry.ActiveHuman ?? session.ActiveHuman,
                    ChatEntryKind.HandBack => null,
                    _ => session.ActiveHuman,
                },
                Context = entry.Context ?? session.Context,
                InputFields = entry.Kind == ChatEntryKind.SessionStarted && entry.InputFields is { } fields ? fields : session.InputFields,
            };
        }
        else if (entry.Outcome == ChatEntryOutcome.Failed)
        {
            Learn(entry.Error);
        }
    }

    // OSVI's refusals say what the session's state is (D13).
    private void Learn(string? osviMessage)
    {
        var session = _session ?? Provisional();
        _session = osviMessage switch
        {
            ChatCommandError.SessionClosedMessage => session with { Status = ChatSessionStatus.Closed },
            ChatCommandError.NotInSupportModeMessage => session with { Mode = ChatMode.Ai, ActiveHuman = null },
            _ => _session,
        };
    }

    private ChatSessionView Provisional() =>
        new(SessionId, AgentUuid, CustomerId, ChatMode.Ai, ChatSessionStatus.Active, false, null, null, [], new Dictionary<string, string>(), default, default);

    private void Sent(ServiceResult<ChatEntry> result)
    {
        if (result.Succeeded)
        {
            Add(result.Value, applyState: true);
            _forceScroll = true;
        }
        else if (result.Error is { } error)
        {
            Learn(error.Message);
        }

        Live.RequestRefresh(Key);
    }

    private Task TakeOverAsync() => RunControlAsync(OperatorCommand.Takeover, "Could not take over");

    private Task HandBackAsync() => RunControlAsync(OperatorCommand.HandBack, "Could not hand back to the AI");

    private async Task CloseAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Close this session?",
            "Closing is permanent: OSVI accepts no further message or command on this session. The customer's next message starts a new one.",
            yesText: "Close session", cancelText: "Keep it open");
        if (confirmed == true)
        {
            await RunControlAsync(OperatorCommand.Close, "Could not close the session");
        }
    }

    private async Task RunControlAsync(OperatorCommand command, string operation)
    {
        if (!CanControl)
        {
            return;
        }

        _busy = true;
        _controlFailure = null;
        try
        {
            var result = await Chat.SendOperatorCommandAsync(Target, command, null, CancellationToken.None);
            if (result.Succeeded)
            {
                Add(result.Value, applyState: true);
                _forceScroll = true;
            }
            else
            {
                _controlFailure = result.Failure;
                _controlOperation = operation;
                Learn(result.Error?.Message);
            }
        }
        finally
        {
            _busy = false;
            Live.RequestRefresh(Key);
        }
    }
}
