using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Osvi.Client;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Audit;
using Osvi.Dashboard.Options;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services.Agents;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Services.Dnd;

/// <summary>Agents' Do-Not-Disturb lists at OSVI (<c>/v1/dnd_numbers</c>) and the dashboard's trail of every change.
/// Every signed-in user reads; changes need <see cref="DashboardPermission.ManageDnd"/>, are sent exactly once (never
/// retried) and leave one audit row whatever the outcome. Phone numbers given to the write methods must be valid
/// (<see cref="PhoneNumberRules.Parse"/>); an invalid one is a caller's bug and throws.</summary>
public interface IDndService
{
    /// <summary>The region numbers without a country code are read in (<c>Dashboard:PhoneRegion</c>).</summary>
    string DefaultRegion { get; }

    /// <summary>True when the current user may add and remove numbers (for the UI; the write methods check again).</summary>
    Task<bool> CanChangeAsync();

    /// <summary>One page of an agent's list, searched on the server (<c>GET /v1/dnd_numbers</c>).</summary>
    Task<ServiceResult<DndPage>> ListAsync(DndListRequest request, CancellationToken ct);

    /// <summary>Every page of an agent's list, in order, for an export: each page as it arrives, then stops after the
    /// first failure (which is yielded). Entries seen on an earlier page are left out; a list that changed while it
    /// was read ends with a failure, so an export is complete or visibly broken.</summary>
    IAsyncEnumerable<ServiceResult<DndPage>> ReadAllAsync(string agentUuid, string? search, CancellationToken ct);

    /// <summary>Adds a number (<c>POST /v1/dnd_numbers</c>), once. "Already on the list" (D2) is a success.</summary>
    Task<ServiceResult<DndAddResult>> AddAsync(DndAddRequest request, CancellationToken ct);

    /// <summary>Removes a number (<c>DELETE /v1/dnd_numbers</c>), once. "Not on the list" (D3) is a success.</summary>
    Task<ServiceResult<DndRemoveResult>> RemoveAsync(DndRemoveRequest request, CancellationToken ct);

    /// <summary>Sends every pending line of <paramref name="run"/> (each once, a few at a time) and records each line's
    /// outcome in the run as it arrives. Refused as a whole without the permission. Cancelling stops sending: the line
    /// in flight ends "outcome unknown", the rest "not sent". A run is sent at most once.</summary>
    Task RunBulkAsync(DndBulkRun run, CancellationToken ct);

    /// <summary>Whether a number is on the DND list of each active agent (a few agents at a time; an agent whose list
    /// cannot be read is reported as unknown, with its error).</summary>
    Task<ServiceResult<DndCheckReport>> CheckAsync(string phone, string? region, CancellationToken ct);

    /// <summary>True when the current user may read the DND audit trail (DND managers and administrators).</summary>
    Task<bool> CanReadAuditAsync();

    /// <summary>One page of the DND audit trail, newest first.</summary>
    Task<ServiceResult<DndAuditPage>> QueryAuditAsync(DndAuditFilter filter, int skip, int take, CancellationToken ct);

    /// <summary>Every matching row of the DND audit trail, newest first (for CSV export).</summary>
    Task<ServiceResult<IAsyncEnumerable<DndAuditRow>>> StreamAuditAsync(DndAuditFilter filter, CancellationToken ct);
}

/// <summary>Settings of the DND area (<c>Dashboard:Dnd</c>).</summary>
public sealed class DndOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard:Dnd";

    /// <summary>Lines of a bulk run in flight at once.</summary>
    public int BulkConcurrency { get; set; } = 4;

    /// <summary>Agents' lists read at once by "is this number blocked?".</summary>
    public int CheckConcurrency { get; set; } = 4;

    /// <summary>Longest pause a bulk run makes when OSVI rate-limits it (it waits before sending the next line; the
    /// limited line itself is reported as failed, not resent).</summary>
    public TimeSpan MaxRateLimitPause { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed partial class DndService(
    OsviGateway osvi,
    IAgentsService agents,
    IAuditedActions actions,
    IAuditLog audit,
    IPermissionGuard guard,
    ICurrentUser currentUser,
    DashboardClock clock,
    TimeProvider time,
    IOptionsMonitor<DashboardOptions> dashboardOptions,
    IOptionsMonitor<DndOptions> dndOptions,
    ILogger<DndService> logger) : IDndService
{
    private const int MaxPerPage = 100;

    // D2 allows a duplicate add to answer 2xx with the existing entry. 200 (not the documented 201) says so; a 201 whose
    // entry is much older than the request says so too. The margin absorbs clock differences between OSVI and us.
    private static readonly TimeSpan s_existingEntryMargin = TimeSpan.FromMinutes(10);

    public string DefaultRegion => dashboardOptions.CurrentValue.PhoneRegion;

    public async Task<bool> CanChangeAsync() => (await currentUser.GetAsync()).Can(DashboardPermission.ManageDnd);

    public Task<ServiceResult<DndPage>> ListAsync(DndListRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.AgentUuid);
        return ListRawAsync(request.AgentUuid.Trim(), SearchTerm(request.Search, DefaultRegion), Math.Max(1, request.Page), Math.Clamp(request.PerPage, 1, MaxPerPage), ct);
    }

    public async IAsyncEnumerable<ServiceResult<DndPage>> ReadAllAsync(string agentUuid, string? search, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentUuid);
        var seen = new HashSet<long>();
        var term = SearchTerm(search, DefaultRegion);
        int? firstTotal = null;
        for (var page = 1; ; page++)
        {
            var result = await ListRawAsync(agentUuid.Trim(), term, page, MaxPerPage, ct);
            if (!result.Succeeded)
            {
                yield return result;
                yield break;
            }

            var fresh = result.Value.Items.Where(entry => seen.Add(entry.Id)).ToList();
            firstTotal ??= result.Value.TotalCount;
            var last = result.Value.Items.Count == 0 || page * result.Value.PerPage >= result.Value.TotalCount;
            yield return ServiceResult<DndPage>.Success(result.Value with { Items = fresh });
            if (!last)
            {
                continue;
            }

            // Entries added or removed while paging shift the pages: a row would be missed or repeated silently.
            if (seen.Count != result.Value.TotalCount || firstTotal != result.Value.TotalCount)
            {
                LogListChangedDuringExport(logger, agentUuid, firstTotal.Value, result.Value.TotalCount, seen.Count);
                yield return ServiceResult<DndPage>.Failed(new OsviError(OsviErrorKind.Unexpected, null,
                    "The list changed while it was being read; export it again.", []));
            }

            yield break;
        }
    }

    public Task<ServiceResult<DndAddResult>> AddAsync(DndAddRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.AgentUuid);
        var phone = ValidNumber(request.Phone, request.Region);
        var agentUuid = request.AgentUuid.Trim();
        var reason = CleanReason(request.Reason);
        if (InputLimits.TooLong("reason", "The reason", reason, dashboardOptions.CurrentValue.Limits.MaxReasonLength) is { } tooLong)
        {
            // Refused before the audit and the request: nothing was attempted.
            return Task.FromResult(ServiceResult<DndAddResult>.Failed(tooLong));
        }

        var record = new AuditRecord
        {
            Category = AuditCategories.Dnd,
            Action = DndActions.Add,
            AgentUuid = agentUuid,
            Phone = phone,
            Source = request.Source,
            Target = request.CallId,
            Parameters = Parameters(request.Phone, phone, reason, request.CallId, request.Bulk),
        };
        return actions.RunAsync(DashboardPermission.ManageDnd, record, token => SendAddAsync(agentUuid, phone, reason, token),
            result => result.Message, ct);
    }

    public Task<ServiceResult<DndRemoveResult>> RemoveAsync(DndRemoveRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.AgentUuid);
        var phone = ValidNumber(request.Phone, request.Region);
        var agentUuid = request.AgentUuid.Trim();
        var record = new AuditRecord
        {
            Category = AuditCategories.Dnd,
            Action = DndActions.Remove,
            AgentUuid = agentUuid,
            Phone = phone,
            Source = request.Source,
            Parameters = Parameters(request.Phone, phone, reason: null, callId: null, request.Bulk),
        };
        return actions.RunAsync(DashboardPermission.ManageDnd, record, token => SendRemoveAsync(agentUuid, phone, token),
            result => result.Message, ct);
    }

    public async Task RunBulkAsync(DndBulkRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.TryStart())
        {
            throw new InvalidOperationException("A bulk run is sent once; start a new run to send its lines again.");
        }

        var check = await guard.EnsureAllowedAsync(DashboardPermission.ManageDnd, DndActions.BulkRefused);
        if (!check.Allowed)
        {
            // One row for the refused run, not one per line: nothing was sent.
            await audit.WriteAsync(new AuditRecord
            {
                Category = AuditCategories.Dnd,
                Action = DndActions.BulkRefused,
                AgentUuid = run.AgentUuid,
                Source = DndSources.Bulk,
                Parameters = new Dictionary<string, object?> { ["bulk_run"] = run.Id, ["operation"] = run.Operation.ToString().ToLowerInvariant(), ["lines"] = run.Lines.Count },
            }, check.User, AuditOutcome.Refused(check.Refusal!), CancellationToken.None);
            run.SetPending(DndLineOutcome.Refused, check.Refusal!.Message);
            return;
        }

        LogBulkStarted(logger, run.Id, run.Operation, run.AgentUuid, run.SendableCount, check.User.Name);
        var pause = new SendingPause(time);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, dndOptions.CurrentValue.BulkConcurrency), CancellationToken = ct };
        try
        {
            var pending = run.Lines.Where(line => line.Outcome == DndLineOutcome.Pending).ToList();
            await Parallel.ForEachAsync(pending, options, async (line, token) =>
            {
                await pause.WaitAsync(token);
                run.Set(line, DndLineOutcome.Sending, null);
                try
                {
                    var (outcome, message, error) = await SendLineAsync(run, line, token);
                    run.Set(line, outcome, message, error);
                    if (error is { Kind: OsviErrorKind.RateLimited })
                    {
                        var wait = error.RetryAfter ?? TimeSpan.FromSeconds(5);
                        pause.Until(time.GetUtcNow() + (wait < dndOptions.CurrentValue.MaxRateLimitPause ? wait : dndOptions.CurrentValue.MaxRateLimitPause));
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    run.Set(line, DndLineOutcome.Unknown, "Stopped while waiting for OSVI's answer: the change may or may not have been applied. Check the list.");
                    throw;
                }
                catch (Exception exception)
                {
                    // The audited action has written its row; keep going so one bad line does not lose the rest.
                    LogBulkLineCrashed(logger, exception, run.Id, line.Number);
                    run.Set(line, DndLineOutcome.Unknown, "The dashboard failed while sending this line; the outcome at OSVI is unknown. Check the list.");
                }
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogBulkStopped(logger, run.Id);
        }
        finally
        {
            run.SetPending(DndLineOutcome.NotSent, "Not sent: the run was stopped before this line.");
        }

        var summary = run.Summary();
        LogBulkFinished(logger, run.Id, summary.Total, summary[DndLineOutcome.Failed], summary[DndLineOutcome.Unknown], summary[DndLineOutcome.NotSent]);
    }

    public async Task<ServiceResult<DndCheckReport>> CheckAsync(string phone, string? region, CancellationToken ct)
    {
        var number = PhoneNumberRules.Parse(phone, region ?? DefaultRegion);
        if (!number.IsValid)
        {
            throw new ArgumentException($"Not a valid phone number: {number.Error}", nameof(phone));
        }

        var active = await agents.GetActiveAgentsAsync(ct);
        if (!active.Succeeded)
        {
            return ServiceResult<DndCheckReport>.From(active);
        }

        using var gate = new SemaphoreSlim(Math.Max(1, dndOptions.CurrentValue.CheckConcurrency));
        var checks = await Task.WhenAll(active.Value.Select(async agent =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return await CheckAgentAsync(agent, number, ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        return ServiceResult<DndCheckReport>.Success(new DndCheckReport(number.E164!, checks));
    }

    public async Task<bool> CanReadAuditAsync()
    {
        var user = await currentUser.GetAsync();
        return user.Can(DashboardPermission.ManageDnd) || user.Can(DashboardPermission.ReadAuditLog);
    }

    public async Task<ServiceResult<DndAuditPage>> QueryAuditAsync(DndAuditFilter filter, int skip, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await AuditRefusalAsync() is { } refusal)
        {
            return ServiceResult<DndAuditPage>.Refused(refusal);
        }

        var page = await audit.QueryAsync(AuditQueryOf(filter) with { Skip = Math.Max(0, skip), Take = Math.Clamp(take, 1, 500) }, ct);
        return ServiceResult<DndAuditPage>.Success(new DndAuditPage([.. page.Items.Select(ToRow)], page.TotalCount));
    }

    public async Task<ServiceResult<IAsyncEnumerable<DndAuditRow>>> StreamAuditAsync(DndAuditFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await AuditRefusalAsync() is { } refusal)
        {
            return ServiceResult<IAsyncEnumerable<DndAuditRow>>.Refused(refusal);
        }

        return ServiceResult<IAsyncEnumerable<DndAuditRow>>.Success(Rows(audit.StreamAsync(AuditQueryOf(filter), ct)));

        static async IAsyncEnumerable<DndAuditRow> Rows(IAsyncEnumerable<AuditEntry> entries)
        {
            await foreach (var entry in entries)
            {
                yield return ToRow(entry);
            }
        }
    }

    /// <summary>What OSVI's partial phone search is given: a full number as E.164 (so <c>098765 43210</c> finds
    /// <c>+919876543210</c>), otherwise its digits with a leading <c>+</c> kept.</summary>
    internal static string? SearchTerm(string? search, string region)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var trimmed = search.Trim();
        var full = PhoneNumberRules.Parse(trimmed, region);
        if (full.IsValid)
        {
            return full.E164;
        }

        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        return digits.Length == 0 ? null : trimmed.StartsWith('+') ? "+" + digits : digits;
    }

    private Task<ServiceResult<DndPage>> ListRawAsync(string agentUuid, string? search, int page, int perPage, CancellationToken ct) =>
        osvi.SendAsync("list DND numbers",
            (api, token) => api.ListDndNumbersAsync(new DndListQuery { AgentUuid = agentUuid, Search = search, Page = page, PerPage = perPage }, token),
            envelope => new DndPage([.. envelope.Data.Select(DndNumberLookup.ToView)], envelope.Meta.TotalCount, page, envelope.Meta.PerPage > 0 ? envelope.Meta.PerPage : perPage),
            ct);

    private async Task<ServiceResult<DndAddResult>> SendAddAsync(string agentUuid, string phone, string? reason, CancellationToken ct)
    {
        var sentAt = time.GetUtcNow();
        var sent = await osvi.SendAsync("add DND number",
            (api, token) => api.AddDndNumberAsync(new AddDndNumberRequest { AgentUuid = agentUuid, Phone = phone, Reason = reason }, token), ct);
        if (!sent.Succeeded)
        {
            return ServiceResult<DndAddResult>.From(sent);
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode && response.Error is null)
        {
            var status = (int?)response.StatusCode;
            if (response.Content?.Data is not { } data)
            {
                return ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.Added, phone, null, $"Added (OSVI answered HTTP {status} without the entry)."));
            }

            var entry = DndNumberLookup.ToView(data);
            return response.StatusCode == HttpStatusCode.OK || entry.CreatedAt < sentAt - s_existingEntryMargin
                ? ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.AlreadyListed, phone, entry,
                    $"Already on the list since {clock.ToLocal(entry.CreatedAt):yyyy-MM-dd HH:mm} (OSVI answered HTTP {status} with the existing entry {entry.Id})."))
                : ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.Added, phone, entry, $"Added (entry {entry.Id})."));
        }

        var error = osvi.Translate("add DND number", response)
            ?? new OsviError(OsviErrorKind.Unexpected, (int?)response.StatusCode, "OSVI answered without a readable result.", []);
        if (IsAlreadyTaken(error))
        {
            return ServiceResult<DndAddResult>.Success(new DndAddResult(DndAddOutcome.AlreadyListed, phone, null,
                $"Already on the list (OSVI answered HTTP {error.StatusCode}: “{error.Message}”)."));
        }

        return ServiceResult<DndAddResult>.Failed(error);
    }

    private async Task<ServiceResult<DndRemoveResult>> SendRemoveAsync(string agentUuid, string phone, CancellationToken ct)
    {
        var sent = await osvi.SendAsync("remove DND number", (api, token) => api.RemoveDndNumberAsync(agentUuid, phone, token), ct);
        if (!sent.Succeeded)
        {
            return ServiceResult<DndRemoveResult>.From(sent);
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode && response.Error is null)
        {
            var message = string.IsNullOrWhiteSpace(response.Content?.Message) ? "" : $": “{response.Content.Message}”";
            return ServiceResult<DndRemoveResult>.Success(new DndRemoveResult(DndRemoveOutcome.Removed, phone, $"Removed (OSVI answered HTTP {(int?)response.StatusCode}{message})."));
        }

        var error = osvi.Translate("remove DND number", response)
            ?? new OsviError(OsviErrorKind.Unexpected, (int?)response.StatusCode, "OSVI answered without a readable result.", []);
        if (IsNotOnList(error))
        {
            return ServiceResult<DndRemoveResult>.Success(new DndRemoveResult(DndRemoveOutcome.NotOnList, phone,
                $"Not on the list (OSVI answered HTTP {error.StatusCode}: “{error.Message}”)."));
        }

        return ServiceResult<DndRemoveResult>.Failed(error);
    }

    private async Task<(DndLineOutcome Outcome, string Message, OsviError? Error)> SendLineAsync(DndBulkRun run, DndBulkLine line, CancellationToken ct)
    {
        var bulk = new DndBulkReference(run.Id, line.Number);
        if (run.Operation == DndBulkOperation.Add)
        {
            var added = await AddAsync(new DndAddRequest
            {
                AgentUuid = run.AgentUuid,
                Phone = line.E164!,
                Reason = line.Reason ?? run.CommonReason,
                Source = DndSources.Bulk,
                Bulk = bulk,
            }, ct);
            return added.Succeeded
                ? (added.Value.Outcome == DndAddOutcome.Added ? DndLineOutcome.Added : DndLineOutcome.AlreadyListed, added.Value.Message, null)
                : Failure(added.Error, added.Refusal, "added");
        }

        var removed = await RemoveAsync(new DndRemoveRequest { AgentUuid = run.AgentUuid, Phone = line.E164!, Source = DndSources.Bulk, Bulk = bulk }, ct);
        return removed.Succeeded
            ? (removed.Value.Outcome == DndRemoveOutcome.Removed ? DndLineOutcome.Removed : DndLineOutcome.NotOnList, removed.Value.Message, null)
            : Failure(removed.Error, removed.Refusal, "removed");
    }

    private static (DndLineOutcome, string, OsviError?) Failure(OsviError? error, ServiceRefusal? refusal, string verb) => error switch
    {
        null => (DndLineOutcome.Refused, refusal?.Message ?? "Refused.", null),
        { Kind: OsviErrorKind.Unreachable } => (DndLineOutcome.Unknown,
            $"{error.Message} The number may or may not have been {verb}: check the list before sending it again.", error),
        { StatusCode: { } status } => (DndLineOutcome.Failed, $"OSVI answered HTTP {status}: “{error.Message}”", error),
        _ => (DndLineOutcome.Failed, error.Message, error),
    };

    private async Task<DndAgentCheck> CheckAgentAsync(AgentView agent, PhoneParseResult number, CancellationToken ct)
    {
        var lookup = await DndNumberLookup.FindAsync(osvi, agent.Id, number, ct);
        return new DndAgentCheck(agent, lookup.State, lookup.Entry, lookup.Error);
    }

    // D2: a duplicate is 422 "Phone has already been taken" (another server may say 409 or 400 with similar words).
    private static bool IsAlreadyTaken(OsviError error) =>
        error.StatusCode is 400 or 409 or 422
        && (error.Message.Contains("already", StringComparison.OrdinalIgnoreCase)
            || error.FieldErrors.Any(field => field.Message.Contains("already", StringComparison.OrdinalIgnoreCase)));

    // D3: 404 "Phone not found in DND list". A bare 404 ("Not found") means the agent is unknown: that is a failure.
    private static bool IsNotOnList(OsviError error) =>
        error.Kind == OsviErrorKind.NotFound
        && (error.Message.Contains("phone", StringComparison.OrdinalIgnoreCase) || error.Message.Contains("dnd", StringComparison.OrdinalIgnoreCase));

    private string ValidNumber(string phone, string? region)
    {
        var number = PhoneNumberRules.Parse(phone, region ?? DefaultRegion);
        return number.IsValid ? number.E164! : throw new ArgumentException($"Not a valid phone number: {number.Error}", nameof(phone));
    }

    private static string? CleanReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        return string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static Dictionary<string, object?> Parameters(string input, string e164, string? reason, string? callId, DndBulkReference? bulk)
    {
        var parameters = new Dictionary<string, object?>();
        if (reason is not null)
        {
            parameters["reason"] = reason;
        }

        if (!string.Equals(input.Trim(), e164, StringComparison.Ordinal))
        {
            parameters["input"] = input.Trim();
        }

        if (!string.IsNullOrWhiteSpace(callId))
        {
            parameters["call_id"] = callId.Trim();
        }

        if (bulk is not null)
        {
            parameters["bulk_run"] = bulk.RunId;
            parameters["bulk_line"] = bulk.Line;
        }

        return parameters;
    }

    private async Task<ServiceRefusal?> AuditRefusalAsync()
    {
        if (await CanReadAuditAsync())
        {
            return null;
        }

        var check = await guard.EnsureAllowedAsync(DashboardPermission.ReadAuditLog, "dnd.audit.read");
        return check.Refusal ?? new ServiceRefusal(DashboardPermission.ReadAuditLog, "Your role does not allow reading the DND audit trail.");
    }

    private AuditQuery AuditQueryOf(DndAuditFilter filter) => new()
    {
        Category = AuditCategories.Dnd,
        AgentUuid = string.IsNullOrWhiteSpace(filter.AgentUuid) ? null : filter.AgentUuid.Trim(),
        Phone = SearchTerm(filter.Phone, DefaultRegion),
        User = string.IsNullOrWhiteSpace(filter.User) ? null : filter.User.Trim(),
        From = filter.From is { } from ? StartOf(from) : null,
        To = filter.To is { } to ? StartOf(to.AddDays(1)) : null,
    };

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
    }

    internal static DndAuditRow ToRow(AuditEntry entry)
    {
        string? reason = null, callId = null, runId = null;
        int? line = null;
        if (entry.ParametersJson is { } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                reason = Text(root, "reason");
                callId = Text(root, "call_id");
                runId = Text(root, "bulk_run");
                line = root.TryGetProperty("bulk_line", out var number) && number.TryGetInt32(out var value) ? value : null;
            }
            catch (JsonException)
            {
                // A row written by another version of the dashboard: show what the columns hold.
            }
        }

        return new DndAuditRow
        {
            Id = entry.Id,
            OccurredAt = entry.OccurredAt,
            User = entry.UserName,
            Action = entry.Action,
            AgentUuid = entry.AgentUuid,
            Phone = entry.Phone,
            Reason = reason,
            Source = entry.Source,
            CallId = callId ?? (entry.Source == DndSources.FromCall ? entry.Target : null),
            Bulk = runId is not null && line is not null ? new DndBulkReference(runId, line.Value) : null,
            Result = entry.Result,
            Message = entry.Message,
            StatusCode = entry.StatusCode,
            ErrorKind = entry.ErrorKind,
        };

        static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Holds back the next line of a bulk run while OSVI asked us to wait (429 Retry-After).</summary>
    private sealed class SendingPause(TimeProvider time)
    {
        private long _untilTicks;

        public void Until(DateTimeOffset until)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref _untilTicks);
                if (until.UtcTicks <= current)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _untilTicks, until.UtcTicks, current) != current);
        }

        public async Task WaitAsync(CancellationToken ct)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _untilTicks), TimeSpan.Zero) - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk DND {Operation} {RunId} for agent {AgentUuid}: {Lines} lines to send, by {User}")]
    private static partial void LogBulkStarted(ILogger logger, string runId, DndBulkOperation operation, string agentUuid, int lines, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk DND run {RunId} finished: {Lines} lines, {Failed} failed, {Unknown} unknown, {NotSent} not sent")]
    private static partial void LogBulkFinished(ILogger logger, string runId, int lines, int failed, int unknown, int notSent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk DND run {RunId} was stopped before every line was sent")]
    private static partial void LogBulkStopped(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk DND run {RunId}: line {Line} failed in the dashboard")]
    private static partial void LogBulkLineCrashed(ILogger logger, Exception exception, string runId, int line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DND list of {AgentUuid} changed during an export ({FirstTotal} then {LastTotal} entries, {Read} read); the export was refused")]
    private static partial void LogListChangedDuringExport(ILogger logger, string agentUuid, int firstTotal, int lastTotal, int read);
}
