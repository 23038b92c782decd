using System.Text.RegularExpressions;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>What an OSVI agent id looks like (<c>agent_</c> + URL-safe characters), to accept a pasted id.</summary>
public static partial class AgentIds
{
    /// <summary>True for text shaped like an agent id.</summary>
    public static bool LooksLikeAgentId(string? text) => text is not null && Shape().IsMatch(text);

    [GeneratedRegex("^agent_[A-Za-z0-9_-]{4,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
