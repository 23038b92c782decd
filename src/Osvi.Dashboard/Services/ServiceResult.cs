using System.Diagnostics.CodeAnalysis;
using Osvi.Client;
using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Services;

/// <summary>What a dashboard service returns: a value, an OSVI failure in the shared taxonomy, or a refusal by the
/// dashboard's own permission guard. Pages show failures with <c>OsviErrorAlert</c>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ServiceResult<T>
{
    private ServiceResult(T? value, OsviError? error, ServiceRefusal? refusal)
    {
        Value = value;
        Error = error;
        Refusal = refusal;
    }

    /// <summary>The value when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>OSVI's failure (unreachable, unauthorised, validation…), when OSVI did not do it.</summary>
    public OsviError? Error { get; }

    /// <summary>The dashboard's refusal (missing permission); OSVI was not asked.</summary>
    public ServiceRefusal? Refusal { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Error is null && Refusal is null;

    /// <summary>The failure as one object for display: an <see cref="OsviError"/> or a <see cref="ServiceRefusal"/>.</summary>
    public object? Failure => (object?)Error ?? Refusal;

    /// <summary>A success.</summary>
    public static ServiceResult<T> Success(T value) => new(value, null, null);

    /// <summary>An OSVI failure.</summary>
    public static ServiceResult<T> Failed(OsviError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)), null);

    /// <summary>A refusal by the permission guard.</summary>
    public static ServiceResult<T> Refused(ServiceRefusal refusal) => new(default, null, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>Transforms the value of a success; failures pass through unchanged.</summary>
    public ServiceResult<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Succeeded ? ServiceResult<TOut>.Success(map(Value)) : ServiceResult<TOut>.From(this);
    }

    /// <summary>The same failure with another value type.</summary>
    public static ServiceResult<T> From<TOther>(ServiceResult<TOther> failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Error is not null ? Failed(failure.Error)
            : failure.Refusal is not null ? Refused(failure.Refusal)
            : throw new InvalidOperationException("A successful result has no failure to carry over.");
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Success({Value})" : Error is not null ? $"Failed({Error.Kind})" : $"Refused({Refusal!.Permission})";
}

/// <summary>Why the dashboard refused an action (the user lacks a permission).</summary>
/// <param name="Permission">The missing permission.</param>
/// <param name="Message">A sentence for the user.</param>
public sealed record ServiceRefusal(DashboardPermission Permission, string Message);
