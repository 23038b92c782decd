using Microsoft.Extensions.Options;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Campaigns;

namespace Osvi.Dashboard.Testing.Fakes;

/// <summary>Campaigns as OSVI describes them (wire records) and as the dashboard sees them, for tests.</summary>
public static class CampaignFixtures
{
    /// <summary>The June Renewals agent.</summary>
    public const string AgentUuid = "agent_J4RK39KQg7g00MsYLe2yEfkev7";

    /// <summary>A status snapshot of OSVI's wire format.</summary>
    public static CampaignStatusSnapshot Snapshot(long id = 7, string name = "June Renewals", string status = "active",
        int picked = 88, int notPicked = 25, int failed = 7, int busy = 0, int voicemail = 0, int inProgress = 0,
        params CampaignUpload[] uploads)
    {
        var byStatus = new Dictionary<string, int>
        {
            ["picked"] = picked, ["not_picked"] = notPicked, ["failed"] = failed, ["busy"] = busy, ["voicemail"] = voicemail, ["in_progress"] = inProgress,
        }.Where(pair => pair.Value > 0).ToDictionary();
        return new CampaignStatusSnapshot
        {
            Campaign = new CampaignInfo
            {
                Id = id, Name = name, Status = CampaignStatus.From(status), IsRetryEnabled = true, RetryThreshold = 2, RetryDelay = 1800,
                CreatedAt = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(5.5)),
            },
            Calls = new CampaignCallCounts { Total = byStatus.Values.Sum(), ByStatus = byStatus },
            Uploads = uploads,
        };
    }

    /// <summary>An upload with one queue.</summary>
    public static CampaignUpload Upload(long id, int queued, bool completed, DateTimeOffset? createdAt = null) => new()
    {
        CampaignUploadId = id,
        FileName = $"1718000000-api_contacts_ab12cd34ef56789{id % 10}.csv",
        AgentUuid = AgentUuid,
        CreatedAt = createdAt ?? new DateTimeOffset(2026, 6, 2, 11, 0, 0, TimeSpan.FromHours(5.5)).AddDays(id),
        Queues = [new CampaignQueue { AgentUuid = AgentUuid, TotalQueued = queued, Completed = completed }],
    };

    /// <summary>The dashboard's view of a snapshot.</summary>
    public static CampaignStatusView View(long id = 7, string name = "June Renewals", string status = "active",
        int picked = 88, int notPicked = 25, int failed = 7, int busy = 0, int voicemail = 0, int inProgress = 0, params CampaignUpload[] uploads) =>
        CampaignStatusView.From(Snapshot(id, name, status, picked, notPicked, failed, busy, voicemail, inProgress, uploads));

    /// <summary>A live value: the view plus pace, ETA and alert as given.</summary>
    public static CampaignProgress Progress(CampaignStatusView view, double? callsPerHour = 120, EtaState eta = EtaState.Known,
        AlertLevel alert = AlertLevel.Ok, double? share = 0.2, int recentCalls = 40, DateTimeOffset? now = null)
    {
        var at = now ?? OsviTestContext.Start;
        var duration = eta == EtaState.Known && callsPerHour is > 0 ? TimeSpan.FromHours(view.Remaining / callsPerHour.Value) : (TimeSpan?)null;
        return new CampaignProgress
        {
            Status = view,
            Pace = new CampaignPace(callsPerHour, TimeSpan.FromMinutes(10), (int)((callsPerHour ?? 0) / 6)),
            Eta = new CampaignEta(eta, view.Remaining, duration, duration is { } d ? at + d : null),
            Alert = new FailureAlert(alert, share, recentCalls, (int)Math.Round((share ?? 0) * recentCalls), TimeSpan.FromMinutes(15), 0.5, 0.35),
            History = [],
        };
    }

    /// <summary>Campaign options as monitored options.</summary>
    public static IOptionsMonitor<CampaignOptions> Options(Action<CampaignOptions>? configure = null)
    {
        var options = new CampaignOptions();
        configure?.Invoke(options);
        return new StaticOptionsMonitor<CampaignOptions>(options);
    }

    private sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
