using Osvi.Dashboard.Audit;

namespace Osvi.Dashboard.Security.Accounts;

/// <summary>Writes sign-ins (succeeded, failed, locked out), sign-outs, password changes and kiosk openings to the audit
/// log, and logs them. Failed attempts name the account tried as the target; the actor is "anonymous".</summary>
internal sealed partial class AccountEvents(IAuditLog audit, ILogger<AccountEvents> logger)
{
    public const string SignInAction = "account.sign-in";
    public const string SignOutAction = "account.sign-out";
    public const string PasswordChangeAction = "account.password-change";

    public Task SignedInAsync(DashboardAccount account, string role, string method)
    {
        LogSignedIn(logger, account.UserName ?? account.Id, role, method);
        return WriteAsync(Actor(account, role), SignInAction, account.UserName, method, AuditOutcome.Succeeded($"Signed in as {role}."));
    }

    public Task SignInFailedAsync(string attemptedUserName, string method, SignInFailure failure, string message)
    {
        LogSignInFailed(logger, attemptedUserName, method, failure);
        return WriteAsync(DashboardUser.Anonymous, SignInAction, attemptedUserName, method,
            new AuditOutcome(AuditResult.Failed, message, ErrorKind: failure.ToString()));
    }

    public Task SignedOutAsync(DashboardUser user) =>
        WriteAsync(user, SignOutAction, user.Name, null, AuditOutcome.Succeeded());

    public Task PasswordChangedAsync(DashboardUser user, AuditOutcome outcome) =>
        WriteAsync(user, PasswordChangeAction, user.Name, "self", outcome);

    public Task WriteAsync(DashboardUser actor, string action, string? target, string? source, AuditOutcome outcome, string category = AuditCategories.Account) =>
        WriteSafelyAsync(new AuditRecord { Category = category, Action = action, Target = target, Source = source }, actor, outcome);

    private static DashboardUser Actor(DashboardAccount account, string role) => new(account.UserName ?? account.Id, account.Id, true, [role]);

    // Sign-in must not fail because the audit write did; the failure is logged loudly instead.
    private async Task WriteSafelyAsync(AuditRecord record, DashboardUser actor, AuditOutcome outcome)
    {
        try
        {
            await audit.WriteAsync(record, actor, outcome, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAuditWriteFailed(logger, exception, record.Action, record.Target, outcome.Result);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in as {Role} ({Method})")]
    private static partial void LogSignedIn(ILogger logger, string user, string role, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in as {User} failed ({Method}): {Failure}")]
    private static partial void LogSignInFailed(ILogger logger, string user, string method, SignInFailure failure);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AUDIT WRITE FAILED for {Action} ({Target}, {Result})")]
    private static partial void LogAuditWriteFailed(ILogger logger, Exception exception, string action, string? target, AuditResult result);
}

/// <summary>Why a sign-in failed (recorded as the audit entry's error kind).</summary>
public enum SignInFailure
{
    /// <summary>No account has that user name.</summary>
    UnknownUser,

    /// <summary>The password was wrong.</summary>
    WrongPassword,

    /// <summary>The account is locked: too many wrong passwords, or an administrator locked it.</summary>
    LockedOut,

    /// <summary>The account signs in through the identity provider, not with a password.</summary>
    ExternalAccount,

    /// <summary>The identity provider's groups map to no dashboard role.</summary>
    NoRole,

    /// <summary>The identity provider's answer was missing or unusable.</summary>
    ExternalFailed,
}
