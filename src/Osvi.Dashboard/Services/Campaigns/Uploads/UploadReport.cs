using System.Text.RegularExpressions;
using Osvi.Client;
using Osvi.Client.Contracts;

namespace Osvi.Dashboard.Services.Campaigns.Uploads;

/// <summary>Where one batch of an upload is.</summary>
public enum BatchState
{
    /// <summary>Not sent yet.</summary>
    Waiting,

    /// <summary>The request is under way.</summary>
    Sending,

    /// <summary>OSVI stored it.</summary>
    Sent,

    /// <summary>OSVI answered with an error: it stored nothing (D11: a bad row fails the whole request).</summary>
    Failed,

    /// <summary>No answer (network, timeout): OSVI may or may not have stored it.</summary>
    OutcomeUnknown,

    /// <summary>The dashboard refused (permission): nothing was sent.</summary>
    Refused,

    /// <summary>Not sent because an earlier batch did not go through (or the page was closed).</summary>
    NotSent,
}

/// <summary>A contact OSVI skipped because it is on the agent's DND list.</summary>
/// <param name="Phone">The number, if OSVI said.</param>
/// <param name="PersonName">The name, if OSVI said.</param>
public sealed record SkippedContact(string? Phone, string? PersonName);

/// <summary>A row OSVI named in a validation error, traced back to the line of the file.</summary>
/// <param name="Line">The line of the file, when the field named a contact of the batch.</param>
/// <param name="Field">OSVI's field, e.g. <c>contacts[6].phone</c>.</param>
/// <param name="Message">OSVI's message.</param>
public sealed record RowProblem(int? Line, string Field, string Message);

/// <summary>One batch of an upload and what became of it.</summary>
public sealed partial record BatchResult
{
    /// <summary>1-based.</summary>
    public required int Number { get; init; }

    /// <summary>The contacts of the batch.</summary>
    public required ContactBatch Batch { get; init; }

    /// <summary>Where it is.</summary>
    public BatchState State { get; init; }

    /// <summary>OSVI's <c>campaign_upload_id</c>, once sent.</summary>
    public long? UploadId { get; init; }

    /// <summary><c>contacts_received</c>.</summary>
    public int Received { get; init; }

    /// <summary><c>contacts_accepted</c>.</summary>
    public int Accepted { get; init; }

    /// <summary><c>duplicates_removed</c>.</summary>
    public int DuplicatesRemoved { get; init; }

    /// <summary><c>enqueued</c>.</summary>
    public bool Enqueued { get; init; }

    /// <summary><c>queued_calls</c>.</summary>
    public int QueuedCalls { get; init; }

    /// <summary><c>dnd_skipped</c>.</summary>
    public IReadOnlyList<SkippedContact> DndSkipped { get; init; } = [];

    /// <summary>OSVI's failure, for <see cref="BatchState.Failed"/> and <see cref="BatchState.OutcomeUnknown"/>.</summary>
    public OsviError? Error { get; init; }

    /// <summary>The dashboard's refusal, for <see cref="BatchState.Refused"/>.</summary>
    public Services.ServiceRefusal? Refusal { get; init; }

    /// <summary>Rows OSVI named in its validation error, with their lines.</summary>
    public IReadOnlyList<RowProblem> RowProblems { get; init; } = [];

    /// <summary>Contacts in the batch.</summary>
    public int Contacts => Batch.Rows.Count;

    /// <summary>The result of a batch OSVI stored.</summary>
    public BatchResult Stored(ContactUploadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return this with
        {
            State = BatchState.Sent,
            UploadId = result.CampaignUploadId,
            Received = result.ContactsReceived,
            Accepted = result.ContactsAccepted,
            DuplicatesRemoved = result.DuplicatesRemoved,
            Enqueued = result.Enqueued,
            QueuedCalls = result.QueuedCalls,
            DndSkipped = [.. result.DndSkipped.Select(skipped => new SkippedContact(skipped.Phone, skipped.PersonName))],
        };
    }

    /// <summary>The result of a batch OSVI refused or did not answer for.</summary>
    public BatchResult FailedWith(OsviError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return this with
        {
            State = error.Kind == OsviErrorKind.Unreachable ? BatchState.OutcomeUnknown : BatchState.Failed,
            Error = error,
            RowProblems = [.. error.FieldErrors.Select(field => new RowProblem(LineOf(field.Field), field.Field, field.Message))],
        };
    }

    // contacts[6].phone names the 7th contact of this batch: the line it came from.
    private int? LineOf(string field) =>
        ContactIndex().Match(field) is { Success: true } match && int.TryParse(match.Groups[1].ValueSpan, out var index) && index >= 0 && index < Batch.Rows.Count
            ? Batch.Rows[index].Line
            : null;

    [GeneratedRegex(@"^contacts\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex ContactIndex();
}

/// <summary>An upload's batches and how far it got. Immutable: every change makes a new report.</summary>
public sealed record UploadReport
{
    /// <summary>The report's id (the downloads of its CSV files use it).</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The campaign.</summary>
    public required long CampaignId { get; init; }

    /// <summary>The agent.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>Whether the contacts were queued for calling at once.</summary>
    public required bool Enqueue { get; init; }

    /// <summary>The prompt variables' keys (for the CSV of contacts not sent).</summary>
    public IReadOnlyList<string> VariableKeys { get; init; } = [];

    /// <summary>The batches, in order.</summary>
    public required IReadOnlyList<BatchResult> Batches { get; init; }

    /// <summary>True once nothing more will be sent.</summary>
    public bool Finished { get; init; }

    /// <summary>Batches OSVI stored.</summary>
    public int BatchesSent => Batches.Count(batch => batch.State == BatchState.Sent);

    /// <summary>True when every batch was stored.</summary>
    public bool Succeeded => Finished && Batches.All(batch => batch.State == BatchState.Sent);

    /// <summary>Contacts in batches OSVI stored.</summary>
    public int ContactsSent => Batches.Where(batch => batch.State == BatchState.Sent).Sum(batch => batch.Contacts);

    /// <summary>Contacts in batches that were not stored (failed, not sent, refused) or whose outcome is unknown.</summary>
    public int ContactsNotSent => Batches.Where(batch => batch.State != BatchState.Sent).Sum(batch => batch.Contacts);

    /// <summary>Contacts OSVI skipped for DND, over all batches.</summary>
    public IEnumerable<SkippedContact> DndSkipped => Batches.SelectMany(batch => batch.DndSkipped);

    /// <summary>The first batch that did not go through.</summary>
    public BatchResult? FirstProblem => Batches.FirstOrDefault(batch => batch.State is BatchState.Failed or BatchState.OutcomeUnknown or BatchState.Refused);

    /// <summary>Sums a number over the stored batches.</summary>
    public int Total(Func<BatchResult, int> value) => Batches.Where(batch => batch.State == BatchState.Sent).Sum(value);

    /// <summary>The report with one batch replaced.</summary>
    public UploadReport With(BatchResult batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return this with { Batches = [.. Batches.Select(existing => existing.Number == batch.Number ? batch : existing)] };
    }
}
