using Osvi.Dashboard.Security;

namespace Osvi.Dashboard.Tests.Support;

/// <summary>A fixed current user for service tests.</summary>
internal sealed class Users(DashboardUser user) : ICurrentUser
{
    public static Users As(string name, params string[] roles) => new(new DashboardUser(name, "id-" + name, true, roles));

    public Task<DashboardUser> GetAsync() => Task.FromResult(user);
}
