using Microsoft.AspNetCore.Components;
using Osvi.Client;
using Osvi.Dashboard.Components.Chat;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Components.Pages;

/// <summary>What the chat page shows below the finder.</summary>
public enum ChatView
{
    /// <summary>Nothing chosen: the recent conversations.</summary>
    Start,

    /// <summary>Asking OSVI.</summary>
    Loading,

    /// <summary>OSVI failed to answer a lookup.</summary>
    Failed,

    /// <summary>One session.</summary>
    Session,

    /// <summary>The customer has no open session with the agent.</summary>
    NoSession,

    /// <summary>The customer's open sessions with every agent.</summary>
    CustomerSessions,

    /// <summary>A session id the dashboard has no record of.</summary>
    UnknownSession,
}

/// <summary>The chat console. Its address is its state (<c>/chat?agent_uuid=…&amp;customer_id=…[&amp;session_id=…]</c>,
/// or <c>?customer_id=…</c> for all the customer's sessions, or <c>?session_id=…</c> for a recorded one), so links from
/// other pages open the right conversation and the browser's back button works.</summary>
public sealed partial class Chat : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _load;
    private IReadOnlyList<ChatAgentOption> _agents = [];
    private (string Agent, string Customer, string Session) _shown = ("", "", "");
    private bool _queryRead;
    private string? _agentInput;
    private string? _customerInput;
    private bool _canOperate;
    private ChatView _view = ChatView.Start;
    private string _loadingText = "";
    private OsviError? _error;
    private string _errorOperation = "";
    private ConversationTarget? _conversation;
    private IReadOnlyList<CustomerChatSession> _customerSessions = [];
    private NewSessionRequest? _newSession;
    private ChatSessionView? _justStarted;

    [Inject]
    public required IChatService ChatService { get; init; }

    [Inject]
    public required IChatHistory History { get; init; }

    [Inject]
    public required IChatAgentDirectory AgentDirectory { get; init; }

    [Inject]
    public required ICurrentUser CurrentUser { get; init; }

    [Inject]
    public required ChatBrowser Browser { get; init; }

    [Inject]
    public required IViewerTimeZone ViewerZone { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary><c>agent_uuid</c>: the agent.</summary>
    [SupplyParameterFromQuery(Name = "agent_uuid")]
    public string? AgentUuid { get; set; }

    /// <summary><c>customer_id</c>: the customer.</summary>
    [SupplyParameterFromQuery(Name = "customer_id")]
    public string? CustomerId { get; set; }

    /// <summary><c>session_id</c>: one session (from the dashboard's history when the agent and customer are not given).</summary>
    [SupplyParameterFromQuery(Name = "session_id")]
    public string? SessionId { get; set; }

    private bool HasAgentAndCustomer => !string.IsNullOrWhiteSpace(_agentInput) && !string.IsNullOrWhiteSpace(_customerInput);

    private string AgentHelp => AgentOf(_agentInput?.Trim()) is { Name: { } name } known
        ? $"{name} · {Describe(known.Source)}"
        : "Pick a known agent or paste its id (OSVI → Chat agents). OSVI's API does not list chat agents.";

    protected override async Task OnInitializedAsync()
    {
        _canOperate = (await CurrentUser.GetAsync()).Can(DashboardPermission.OperateChat);
        try
        {
            _agents = await AgentDirectory.GetAgentsAsync(_disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was left while it loaded.
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var query = (Clean(AgentUuid), Clean(CustomerId), Clean(SessionId));
        if (_queryRead && query == _shown)
        {
            return;
        }

        _queryRead = true;
        _shown = query;
        // Only what the address says goes into the finder (a history link carries no customer id to show).
        if (query.Item1.Length > 0)
        {
            _agentInput = query.Item1;
        }

        if (query.Item2.Length > 0)
        {
            _customerInput = query.Item2;
        }

        _newSession = null;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await ViewerZone.DetectAsync())
        {
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _load?.Dispose();
    }

    private async Task LoadAsync()
    {
        // Latest wins: a lookup still running for an earlier address is abandoned.
        if (_load is not null)
        {
            await _load.CancelAsync();
            _load.Dispose();
        }

        _load = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var ct = _load.Token;
        var (agent, customer, session) = _shown;
        _conversation = null;
        _error = null;
        try
        {
            if (session.Length > 0)
            {
                await LoadSessionAsync(agent, customer, session, ct);
            }
            else if (agent.Length > 0 && customer.Length > 0)
            {
                await LoadActiveSessionAsync(agent, customer, ct);
            }
            else if (customer.Length > 0)
            {
                await LoadCustomerSessionsAsync(customer, ct);
            }
            else
            {
                _view = ChatView.Start;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer address (or leaving the page) took over.
        }
    }

    private Task ReloadAsync() => LoadAsync();

    private async Task LoadSessionAsync(string agent, string customer, string session, CancellationToken ct)
    {
        if (agent.Length == 0 || customer.Length == 0)
        {
            _view = ChatView.Loading;
            _loadingText = "Looking the session up in this dashboard's history…";
            var recorded = await History.GetSessionAsync(session, 1, ct);
            if (recorded.Entries.Count == 0)
            {
                _view = ChatView.UnknownSession;
                return;
            }

            (agent, customer) = (recorded.Entries[0].AgentUuid, recorded.Entries[0].CustomerId);
        }

        var known = _justStarted?.Id == session ? _justStarted : null;
        _conversation = new ConversationTarget(session, agent, customer, known);
        _view = ChatView.Session;
    }

    private async Task LoadActiveSessionAsync(string agent, string customer, CancellationToken ct)
    {
        _view = ChatView.Loading;
        _loadingText = "Asking OSVI for the customer's open session…";
        StateHasChanged();
        var result = await ChatService.FindActiveSessionAsync(agent, customer, ct);
        if (!result.Succeeded)
        {
            Fail(result.Error, "Could not look up the customer's session");
        }
        else if (result.Value is { } session)
        {
            _conversation = new ConversationTarget(session.Id, agent, customer, session);
            _view = ChatView.Session;
        }
        else
        {
            _view = ChatView.NoSession;
        }
    }

    private async Task LoadCustomerSessionsAsync(string customer, CancellationToken ct)
    {
        _view = ChatView.Loading;
        _loadingText = "Asking OSVI for the customer's open sessions…";
        StateHasChanged();
        var result = await ChatService.FindCustomerSessionsAsync(customer, ct);
        if (result.Succeeded)
        {
            _customerSessions = result.Value;
            _view = ChatView.CustomerSessions;
        }
        else
        {
            Fail(result.Error, "Could not list the customer's sessions");
        }
    }

    private void Fail(OsviError? error, string operation)
    {
        _error = error;
        _errorOperation = operation;
        _view = ChatView.Failed;
    }

    private async Task OpenAsync()
    {
        if (HasAgentAndCustomer)
        {
            await GoAsync(_agentInput!, _customerInput!, null);
        }
    }

    private Task ShowCustomerSessions() => GoAsync(null, _customerInput, null);

    private Task OpenSessionAsync(string sessionId) => GoAsync(_conversation?.AgentUuid, _conversation?.CustomerId, sessionId);

    private Task OpenCustomerSession(CustomerChatSession item)
    {
        _justStarted = item.Session;
        return GoAsync(item.AgentUuid, _shown.Customer, item.Session.Id);
    }

    private Task ShowNewSessionAsync() => ShowNewSessionAsync(_agentInput!.Trim(), _customerInput!.Trim());

    private async Task ShowNewSessionAsync(string agent, string customer)
    {
        // OSVI closes the customer's open session with this agent: say which one before the operator confirms.
        ServiceResult<ChatSessionView?> open;
        try
        {
            open = await ChatService.FindActiveSessionAsync(agent, customer, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }

        _newSession = new NewSessionRequest(agent, customer, open.Succeeded ? open.Value?.Id : null);
    }

    private Task SessionStarted(ChatSessionView session)
    {
        _justStarted = session;
        _newSession = null;
        return GoAsync(session.AgentUuid, session.CustomerId, session.Id);
    }

    private Task FirstMessageSentAsync(ServiceResult<ChatEntry> result) =>
        result is { Succeeded: true, Value.SessionId: { } sessionId } ? GoAsync(_shown.Agent, _shown.Customer, sessionId) : Task.CompletedTask;

    // The address is the state: navigate, and reload directly when the address does not change (asking again).
    private async Task GoAsync(string? agent, string? customer, string? session)
    {
        var parameters = new List<string>();
        Add("agent_uuid", agent);
        Add("customer_id", customer);
        Add("session_id", session);
        var target = "chat" + (parameters.Count == 0 ? "" : "?" + string.Join("&", parameters));
        if (Navigation.ToAbsoluteUri(target) == new Uri(Navigation.Uri))
        {
            _newSession = null;
            await LoadAsync();
            return;
        }

        Navigation.NavigateTo(target);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
    }

    private Task<IEnumerable<string>> SearchAgentsAsync(string? text, CancellationToken ct)
    {
        var term = text?.Trim() ?? "";
        IEnumerable<string> matches = _agents
            .Where(agent => term.Length == 0 || term == _agentInput
                || agent.Uuid.Contains(term, StringComparison.OrdinalIgnoreCase)
                || (agent.Name?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(agent => agent.Uuid);
        return Task.FromResult(matches);
    }

    private ChatAgentOption? AgentOf(string? uuid) => uuid is null ? null : _agents.FirstOrDefault(agent => agent.Uuid == uuid);

    private static string Describe(ChatAgentSource source) => source switch
    {
        ChatAgentSource.Configured => "from Dashboard:Chat:Agents",
        ChatAgentSource.Demo => "a chat agent of the demo account",
        _ => "seen in this dashboard's history",
    };

    private static string Clean(string? value) => value?.Trim() ?? "";

    private sealed record ConversationTarget(string SessionId, string AgentUuid, string CustomerId, ChatSessionView? Session);

    private sealed record NewSessionRequest(string AgentUuid, string CustomerId, string? ReplacesSessionId);
}
