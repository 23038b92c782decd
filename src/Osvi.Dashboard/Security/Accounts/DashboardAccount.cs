using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Osvi.Dashboard.Security.Accounts;

/// <summary>A person who signs in to the dashboard (ASP.NET Core Identity, table <c>AspNetUsers</c>). Holds exactly one
/// dashboard role (an Identity role named <c>viewer</c>, <c>operator</c> or <c>admin</c>).</summary>
public sealed class DashboardAccount : IdentityUser
{
    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who created it (a user name, <c>configuration</c> for the bootstrap admin, <c>demo</c>, or the identity provider).</summary>
    public string? CreatedBy { get; set; }

    /// <summary>The last successful sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>A demo account (demo mode only; removed when the same database starts in live mode).</summary>
    public bool IsDemo { get; set; }

    /// <summary>The identity provider's scheme for accounts that sign in through OpenID Connect (no local password).</summary>
    public string? ExternalProvider { get; set; }
}

internal sealed class DashboardAccountConfiguration : IEntityTypeConfiguration<DashboardAccount>
{
    public void Configure(EntityTypeBuilder<DashboardAccount> builder)
    {
        builder.Property(account => account.CreatedBy).HasMaxLength(200);
        builder.Property(account => account.ExternalProvider).HasMaxLength(40);
    }
}
