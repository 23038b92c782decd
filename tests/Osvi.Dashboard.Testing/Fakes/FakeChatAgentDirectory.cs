using Osvi.Dashboard.Services.Chat;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>An <see cref="IChatAgentDirectory"/> with a settable list.</summary>
public sealed class FakeChatAgentDirectory : IChatAgentDirectory
{
    /// <summary>The agents offered.</summary>
    public List<ChatAgentOption> Agents { get; } = [new(ChatFixtures.Agent, "Order Help Chat", ChatAgentSource.Configured)];

    public Task<IReadOnlyList<ChatAgentOption>> GetAgentsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ChatAgentOption>>([.. Agents]);
}
