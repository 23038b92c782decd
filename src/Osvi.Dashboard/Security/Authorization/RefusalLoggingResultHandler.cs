using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Osvi.Dashboard.Security.Authorization;

/// <summary>Logs every request a signed-in user (or kiosk) was refused, with who, what and which requirement failed,
/// then lets the schemes answer (403, or the access-denied page for a browser).</summary>
internal sealed partial class RefusalLoggingResultHandler(ILogger<RefusalLoggingResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            var user = DashboardUser.From(context.User);
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.Select(Describe) ?? [];
            LogRefused(logger, context.Request.Method, context.Request.Path, user.Name, user.IsKiosk ? "kiosk" : string.Join(",", user.Roles), string.Join(", ", failed));
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string Describe(IAuthorizationRequirement requirement) => requirement switch
    {
        PermissionRequirement permission => $"permission {permission.Permission}",
        StaffRequirement => "a staff account",
        WallboardRequirement => "a staff account or a kiosk link",
        _ => requirement.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} for {User} (roles: {Roles}): needs {Requirements}")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string user, string roles, string requirements);
}
