using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Osvi.Dashboard.Services.Chat;

/// <summary>One row of table <c>ChatHistory</c>: a message or command that passed through the dashboard. Written once,
/// never updated. See <see cref="ChatEntry"/> for the meaning of each column.</summary>
public sealed class ChatHistoryEntry
{
    /// <summary>Row id, increasing.</summary>
    public long Id { get; set; }

    /// <summary>The session's UUID, when known.</summary>
    public string? SessionId { get; set; }

    /// <summary>The agent.</summary>
    public required string AgentUuid { get; set; }

    /// <summary>The customer.</summary>
    public required string CustomerId { get; set; }

    /// <summary>A <see cref="ChatEntryKind"/>.</summary>
    public ChatEntryKind Kind { get; set; }

    /// <summary>Who sent it.</summary>
    public required string Actor { get; set; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>When OSVI answered (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The text sent.</summary>
    public string? Text { get; set; }

    /// <summary>A <see cref="ChatEntryOutcome"/>.</summary>
    public ChatEntryOutcome Outcome { get; set; }

    /// <summary>The agent's reply.</summary>
    public string? Reply { get; set; }

    /// <summary>OSVI's error message.</summary>
    public string? Error { get; set; }

    /// <summary>OSVI's HTTP status of a failure.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The mode after the command (raw).</summary>
    public string? Mode { get; set; }

    /// <summary>The status after the command (raw).</summary>
    public string? Status { get; set; }

    /// <summary><c>help_requested</c> after the command.</summary>
    public bool? HelpRequested { get; set; }

    /// <summary>The operator in control after a takeover.</summary>
    public string? ActiveHuman { get; set; }

    /// <summary>The context list after the command, as a JSON array.</summary>
    public string? ContextJson { get; set; }

    /// <summary>Input fields sent, as a JSON object.</summary>
    public string? InputFieldsJson { get; set; }
}

internal sealed class ChatHistoryEntryConfiguration : IEntityTypeConfiguration<ChatHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ChatHistoryEntry> builder)
    {
        builder.ToTable("ChatHistory");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.SessionId).HasMaxLength(100);
        builder.Property(entry => entry.AgentUuid).HasMaxLength(100);
        builder.Property(entry => entry.CustomerId).HasMaxLength(200);
        builder.Property(entry => entry.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(entry => entry.Actor).HasMaxLength(200);
        builder.Property(entry => entry.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(entry => entry.Error).HasMaxLength(1000);
        builder.Property(entry => entry.Mode).HasMaxLength(40);
        builder.Property(entry => entry.Status).HasMaxLength(40);
        builder.Property(entry => entry.ActiveHuman).HasMaxLength(200);
        builder.HasIndex(entry => new { entry.SessionId, entry.Id });
        builder.HasIndex(entry => new { entry.AgentUuid, entry.CustomerId, entry.Id });
        builder.HasIndex(entry => entry.At);
    }
}
