using Osvi.Client;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Audit;

/// <summary>What an action is about; <see cref="IAuditedActions"/> adds who, when and the outcome.</summary>
public sealed record AuditRecord
{
    /// <summary>One of <see cref="AuditCategories"/>.</summary>
    public required string Category { get; init; }

    /// <summary>The action, e.g. <c>dnd.add</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The object acted on, e.g. a call id or campaign id.</summary>
    public string? Target { get; init; }

    /// <summary>The agent involved.</summary>
    public string? AgentUuid { get; init; }

    /// <summary>The phone number involved.</summary>
    public string? Phone { get; init; }

    /// <summary>The parameters that matter (serialised as a JSON object; never secrets).</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>Where the action came from, e.g. <c>manual</c>, <c>bulk</c>, <c>call-detail</c>.</summary>
    public string? Source { get; init; }
}

/// <summary>How an action ended, for the audit log.</summary>
/// <param name="Result">Succeeded, refused or failed.</param>
/// <param name="Message">OSVI's message or the refusal's.</param>
/// <param name="StatusCode">OSVI's HTTP status.</param>
/// <param name="ErrorKind">The failure's kind.</param>
public sealed record AuditOutcome(AuditResult Result, string? Message = null, int? StatusCode = null, string? ErrorKind = null)
{
    /// <summary>A success, with OSVI's message if it sent one.</summary>
    public static AuditOutcome Succeeded(string? message = null) => new(AuditResult.Succeeded, message);

    /// <summary>A refusal by the permission guard.</summary>
    public static AuditOutcome Refused(ServiceRefusal refusal) => new(AuditResult.Refused, refusal?.Message);

    /// <summary>An OSVI failure.</summary>
    public static AuditOutcome Failed(OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(AuditResult.Failed, error.Message, error.StatusCode, error.Kind.ToString());
    }

    /// <summary>The outcome of a service result.</summary>
    public static AuditOutcome Of<T>(ServiceResult<T> result, Func<T, string?>? successMessage = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? Succeeded(successMessage?.Invoke(result.Value))
            : result.Error is { } error ? Failed(error)
            : Refused(result.Refusal!);
    }
}
