using Osvi.Simulator.World;

namespace Osvi.Simulator.Auth;

/// <summary>The <c>API-Token</c> header: 16 characters, one account each (contract §1).</summary>
internal static class ApiToken
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "API-Token";

    /// <summary>Every token is this long; any other length is rejected without a lookup.</summary>
    public const int Length = 16;

    private static readonly object s_accountKey = new();

    public static void SetAccount(HttpContext context, Account account) => context.Items[s_accountKey] = account;

    /// <summary>The caller's account; the auth middleware guarantees one on every <c>/v1</c> route.</summary>
    public static Account GetAccount(this HttpContext context) =>
        context.Items[s_accountKey] as Account ?? throw new InvalidOperationException("No authenticated account on this request.");
}
