using Osvi.Client.Contracts;
using Refit;

namespace Osvi.Client.Tests.Contract;

/// <summary>One v1 endpoint, called through <see cref="IOsviApi"/> with arguments that are well-formed but need not
/// exist (for failures that come before any lookup: auth, faults).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Route">The simulator's route template (as its request log counts it).</param>
/// <param name="Invoke">Calls the endpoint; returns what the method returned (an <see cref="IApiResponse"/> for those
/// methods that report failures instead of throwing).</param>
internal sealed record Endpoint(string Method, string Route, Func<IOsviApi, CancellationToken, Task<object?>> Invoke)
{
    private const string Agent = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og";
    private const string Session = "4718a326-417b-4dda-90d0-21fd65a11cb8";

    public static IReadOnlyList<Endpoint> All { get; } =
    [
        new("GET", "/v1/active_agents", async (api, ct) => await api.GetActiveAgentsAsync(ct)),
        new("POST", "/v1/call", async (api, ct) => await api.StartCallAsync(new StartCallRequest { AgentUuid = Agent, PhoneNumber = "9876500001", CountryCode = "IN" }, ct)),
        new("GET", "/v1/calls", async (api, ct) => await api.ListCallsAsync(new CallListQuery { Status = ["picked"] }, ct)),
        new("GET", "/v1/call/{id}", async (api, ct) => await api.GetCallAsync(Session, ct)),
        new("GET", "/v1/call/{id}/transcript", async (api, ct) => await api.GetTranscriptAsync(Session, ct)),
        new("GET", "/v1/call/{id}/recording", async (api, ct) => await api.GetRecordingAsync(Session, ct)),
        new("POST", "/v1/campaigns/{id}/contacts", async (api, ct) => await api.AddCampaignContactsAsync(7, new AddContactsRequest { AgentUuid = Agent, Contacts = [new CampaignContact { Phone = "9876500001" }] }, ct)),
        new("GET", "/v1/campaigns/{id}/status", async (api, ct) => await api.GetCampaignStatusAsync(7, ct)),
        new("POST", "/v1/dnd_numbers", async (api, ct) => await api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = Agent, Phone = "9876500001" }, ct)),
        new("GET", "/v1/dnd_numbers", async (api, ct) => await api.ListDndNumbersAsync(new DndListQuery { AgentUuid = Agent }, ct)),
        new("DELETE", "/v1/dnd_numbers", async (api, ct) => await api.RemoveDndNumberAsync(Agent, "9876500001", ct)),
        new("POST", "/v1/chat/session", async (api, ct) => await api.CreateChatSessionAsync(new CreateChatSessionRequest { AgentUuid = Agent, CustomerId = "+15551112222" }, ct)),
        new("POST", "/v1/chat/inbound", async (api, ct) => await api.SendInboundMessageAsync(new InboundMessageRequest { AgentUuid = Agent, CustomerId = "+15551112222", Content = "hi" }, ct)),
        new("GET", "/v1/chat/session/active", async (api, ct) => await api.GetActiveChatSessionAsync("+15551112222", Agent, ct)),
        new("GET", "/v1/chat/session/active", async (api, ct) => await api.GetActiveChatSessionsAsync("+15551112222", ct)),
        new("POST", "/v1/chat/session/{id}/support", async (api, ct) => await api.SendSupportCommandAsync(Session, new SupportCommandRequest { Command = SupportCommand.Takeover }, ct)),
        new("POST", "/v1/chat/session/{id}/inject_context", async (api, ct) => await api.InjectContextAsync(Session, new InjectContextRequest { Context = "x" }, ct)),
    ];

    /// <summary>Every method of <see cref="IOsviApi"/>, by index into <see cref="All"/> (the active-session lookup has two).</summary>
    public static TheoryData<int> Indexes => [.. Enumerable.Range(0, All.Count)];

    /// <summary>The endpoints that change something (never retried).</summary>
    public static TheoryData<int> Writes => [.. Enumerable.Range(0, All.Count).Where(i => All[i].Method != "GET")];

    /// <summary>The read endpoints (retried on transient failures).</summary>
    public static TheoryData<int> Reads => [.. Enumerable.Range(0, All.Count).Where(i => All[i].Method == "GET")];

    /// <summary>Calls the endpoint and returns the OSVI failure it met, thrown or returned; fails the test on success.</summary>
    public async Task<OsviError> FailureAsync(IOsviApi api, CancellationToken ct)
    {
        object? result;
        try
        {
            result = await Invoke(api, ct);
        }
        catch (Exception exception) when (OsviErrors.TryFromException(exception, out var thrown))
        {
            return thrown;
        }

        using var response = result as IApiResponse;
        Assert.True(response is not null, $"{this} succeeded");
        return OsviErrors.FromResponse(response) ?? throw new Xunit.Sdk.XunitException($"{this} succeeded with {response.StatusCode}");
    }

    public override string ToString() => $"{Method} {Route}";
}
