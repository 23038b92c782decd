using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Audit;

/// <summary>Runs a state-changing action the one right way: check the permission (refusal: typed result, warning,
/// audit row), run the action once (never retried), and write an audit row for every outcome — succeeded, failed
/// (OSVI refused or was unreachable) or unknown (cancelled mid-flight).</summary>
public interface IAuditedActions
{
    /// <summary>Runs <paramref name="action"/> if the current user holds <paramref name="permission"/>.</summary>
    /// <param name="permission">What the action needs.</param>
    /// <param name="record">What to audit (category, action, target, agent, phone, parameters, source).</param>
    /// <param name="action">The action; called at most once.</param>
    /// <param name="successMessage">Text to record on success, e.g. OSVI's message or the new call's id.</param>
    /// <param name="ct">Cancels the action. The audit row is still written (as failed, outcome unknown).</param>
    Task<ServiceResult<T>> RunAsync<T>(DashboardPermission permission, AuditRecord record,
        Func<CancellationToken, Task<ServiceResult<T>>> action, Func<T, string?>? successMessage = null, CancellationToken ct = default);
}

internal sealed partial class AuditedActions(IPermissionGuard guard, IAuditLog audit, ILogger<AuditedActions> logger) : IAuditedActions
{
    public async Task<ServiceResult<T>> RunAsync<T>(DashboardPermission permission, AuditRecord record,
        Func<CancellationToken, Task<ServiceResult<T>>> action, Func<T, string?>? successMessage = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(action);
        var check = await guard.EnsureAllowedAsync(permission, record.Action);
        if (!check.Allowed)
        {
            await WriteAsync(record, check.User, AuditOutcome.Refused(check.Refusal!));
            return ServiceResult<T>.Refused(check.Refusal!);
        }

        ServiceResult<T> result;
        try
        {
            result = await action(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await WriteAsync(record, check.User, new AuditOutcome(AuditResult.Failed,
                "Cancelled before OSVI answered: the change may or may not have been applied.", ErrorKind: "Cancelled"));
            throw;
        }
        catch (Exception exception)
        {
            await WriteAsync(record, check.User, new AuditOutcome(AuditResult.Failed,
                $"The dashboard failed unexpectedly ({exception.GetType().Name}); the outcome at OSVI is unknown.", ErrorKind: "Unexpected"));
            throw;
        }

        var outcome = AuditOutcome.Of(result, successMessage);
        if (!result.Succeeded)
        {
            LogActionFailed(logger, record.Action, check.User.Name, outcome.ErrorKind, outcome.StatusCode, outcome.Message);
        }

        await WriteAsync(record, check.User, outcome);
        return result;
    }

    // The action has already happened: a failed audit write must not hide its result, but it must be loud.
    private async Task WriteAsync(AuditRecord record, DashboardUser user, AuditOutcome outcome)
    {
        try
        {
            await audit.WriteAsync(record, user, outcome, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAuditWriteFailed(logger, exception, record.Category, record.Action, user.Name, record.Target, record.AgentUuid, record.Phone, outcome.Result, outcome.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} by {User} failed: {ErrorKind} (HTTP {StatusCode}): {Message}")]
    private static partial void LogActionFailed(ILogger logger, string action, string user, string? errorKind, int? statusCode, string? message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AUDIT WRITE FAILED for {Category}/{Action} by {User}: target {Target}, agent {AgentUuid}, phone {Phone}, result {Result}: {Message}")]
    private static partial void LogAuditWriteFailed(ILogger logger, Exception exception, string category, string action, string user,
        string? target, string? agentUuid, string? phone, AuditResult result, string? message);
}
