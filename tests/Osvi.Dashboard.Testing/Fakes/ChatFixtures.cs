using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>Chat sessions, entries and OSVI's chat errors (D13) for tests.</summary>
public static class ChatFixtures
{
    /// <summary>The contract's example agent.</summary>
    public const string Agent = "agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og";

    /// <summary>A customer (a phone number, as usual).</summary>
    public const string Customer = "+919876543210";

    /// <summary>The contract's example session id.</summary>
    public const string SessionId = "4718a326-417b-4dda-90d0-21fd65a11cb8";

    /// <summary>D13: any command on a closed session.</summary>
    public static OsviError SessionClosed { get; } = new(OsviErrorKind.Validation, 400, "Session is closed", []);

    /// <summary>D13: a plain operator message outside support mode.</summary>
    public static OsviError NotInSupportMode { get; } = new(OsviErrorKind.Validation, 400, "Session is not in support mode", []);

    /// <summary>D13: unknown or inactive agent.</summary>
    public static OsviError NotFound { get; } = new(OsviErrorKind.NotFound, 404, "Not found", []);

    /// <summary>No answer.</summary>
    public static OsviError Unreachable { get; } = new(OsviErrorKind.Unreachable, null, "OSVI did not answer within 10 s.", []);

    /// <summary>An open session in AI mode, created 12 June 2026 06:00 UTC.</summary>
    public static ChatSessionView Session(string id = SessionId, string agent = Agent, string customer = Customer) => new(
        id, agent, customer, ChatMode.Ai, ChatSessionStatus.Active, false, null, null, ["Initial context for this chat"],
        new Dictionary<string, string> { ["plan"] = "gold" },
        new DateTimeOffset(2026, 6, 12, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 12, 6, 20, 0, TimeSpan.Zero));

    /// <summary>A delivered entry of <see cref="SessionId"/> at 12 June 2026 06:10 UTC plus <paramref name="minutes"/>.</summary>
    public static ChatEntry Entry(ChatEntryKind kind, string? text = null, int minutes = 0, string actor = "priya") => new()
    {
        SessionId = SessionId,
        AgentUuid = Agent,
        CustomerId = Customer,
        Kind = kind,
        Actor = actor,
        Text = text,
        Outcome = ChatEntryOutcome.Delivered,
        SentAt = new DateTimeOffset(2026, 6, 12, 6, 10 + minutes, 0, TimeSpan.Zero),
        At = new DateTimeOffset(2026, 6, 12, 6, 10 + minutes, 2, TimeSpan.Zero),
    };
}
