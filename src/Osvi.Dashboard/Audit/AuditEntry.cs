using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Osvi.Dashboard.Audit;

/// <summary>How an audited action ended.</summary>
public enum AuditResult
{
    /// <summary>OSVI (or the dashboard) did it.</summary>
    Succeeded,

    /// <summary>The dashboard refused: the user lacks the permission. OSVI was not asked.</summary>
    Refused,

    /// <summary>OSVI refused, failed or was unreachable, or the outcome is unknown (see the message).</summary>
    Failed,
}

/// <summary>The areas audit entries belong to; DND has its own view filtered on <see cref="Dnd"/>.</summary>
public static class AuditCategories
{
    /// <summary>Calls started.</summary>
    public const string Calls = "calls";

    /// <summary>Contact uploads and watched campaigns.</summary>
    public const string Campaigns = "campaigns";

    /// <summary>DND additions and removals.</summary>
    public const string Dnd = "dnd";

    /// <summary>Chat operator actions.</summary>
    public const string Chat = "chat";

    /// <summary>Recording plays and downloads.</summary>
    public const string Recordings = "recordings";

    /// <summary>Users and roles.</summary>
    public const string Users = "users";

    /// <summary>Kiosk links.</summary>
    public const string Kiosk = "kiosk";

    /// <summary>Settings.</summary>
    public const string Settings = "settings";

    /// <summary>Sign-ins (succeeded, failed, locked out), sign-outs and password changes.</summary>
    public const string Account = "account";

    /// <summary>The audit log itself: exports and retention purges.</summary>
    public const string Audit = "audit";
}

/// <summary>One row of the audit log (table <c>AuditEntries</c>). Written once, never updated.</summary>
public sealed class AuditEntry
{
    /// <summary>Row id, increasing.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Who: the user's name, or <c>anonymous</c>.</summary>
    public required string UserName { get; set; }

    /// <summary>The user's stable id, when signed in.</summary>
    public string? UserId { get; set; }

    /// <summary>One of <see cref="AuditCategories"/>.</summary>
    public required string Category { get; set; }

    /// <summary>What, e.g. <c>dnd.add</c>, <c>call.start</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The object acted on, e.g. a call id or a campaign id.</summary>
    public string? Target { get; set; }

    /// <summary>The agent involved, if any.</summary>
    public string? AgentUuid { get; set; }

    /// <summary>The phone number involved, if any (E.164 where known).</summary>
    public string? Phone { get; set; }

    /// <summary>The parameters that matter, as a JSON object.</summary>
    public string? ParametersJson { get; set; }

    /// <summary>Where the action came from, e.g. <c>manual</c>, <c>bulk</c>, <c>call-detail</c>.</summary>
    public string? Source { get; set; }

    /// <summary>The outcome.</summary>
    public AuditResult Result { get; set; }

    /// <summary>OSVI's message (success or failure) or the dashboard's refusal.</summary>
    public string? Message { get; set; }

    /// <summary>OSVI's HTTP status, when it answered.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The error kind of a failure (<c>Unreachable</c>, <c>Validation</c>…).</summary>
    public string? ErrorKind { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.UserName).HasMaxLength(200);
        builder.Property(entry => entry.UserId).HasMaxLength(200);
        builder.Property(entry => entry.Category).HasMaxLength(40);
        builder.Property(entry => entry.Action).HasMaxLength(80);
        builder.Property(entry => entry.Target).HasMaxLength(200);
        builder.Property(entry => entry.AgentUuid).HasMaxLength(100);
        builder.Property(entry => entry.Phone).HasMaxLength(40);
        builder.Property(entry => entry.Source).HasMaxLength(40);
        builder.Property(entry => entry.Result).HasConversion<string>().HasMaxLength(20);
        builder.Property(entry => entry.Message).HasMaxLength(1000);
        builder.Property(entry => entry.ErrorKind).HasMaxLength(40);
        builder.HasIndex(entry => entry.OccurredAt);
        builder.HasIndex(entry => new { entry.Category, entry.OccurredAt });
        builder.HasIndex(entry => entry.Phone);
        builder.HasIndex(entry => entry.AgentUuid);
    }
}
