using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>The live state of a customer's open session with an agent (mode, status, help requested), polled through
/// the shared poller while a conversation is on screen: every browser showing it shares one
/// <c>GET /v1/chat/session/active</c> per interval (<c>Dashboard:Live:Intervals:ChatSession</c>).</summary>
/// <param name="AgentUuid">The agent.</param>
/// <param name="CustomerId">The customer.</param>
public sealed record ChatSessionKey(string AgentUuid, string CustomerId) : LiveKey<ActiveChatLookup>;

/// <summary>What OSVI answered: the open session, or none.</summary>
/// <param name="Session">The open (active or dormant) session; null when OSVI has none for the pair.</param>
public sealed record ActiveChatLookup(ChatSessionView? Session);

internal sealed class ChatSessionFetcher(IChatService chat) : ILiveFetcher<ChatSessionKey, ActiveChatLookup>
{
    public const string FeedName = "ChatSession";

    public async Task<ServiceResult<ActiveChatLookup>> FetchAsync(ChatSessionKey key, CancellationToken ct) =>
        (await chat.FindActiveSessionAsync(key.AgentUuid, key.CustomerId, ct)).Map(session => new ActiveChatLookup(session));
}
