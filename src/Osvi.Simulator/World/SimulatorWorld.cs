using System.Diagnostics;
using Microsoft.Extensions.Options;
using Osvi.Simulator.Time;
using Osvi.Simulator.Webhooks;

namespace Osvi.Simulator.World;

/// <summary>
/// The simulated OSVI: accounts, agents, calls, campaigns and DND lists, progressing on the <see cref="SimulatorClock"/>.
/// One lock guards all state. Time-driven changes are events in a priority queue, run in time order by whoever takes
/// the lock next (a request, or the background ticker), each at its own due time, so a fake clock moved by an hour
/// replays that hour exactly.
/// </summary>
public sealed partial class SimulatorWorld
{
    private readonly Lock _gate = new();
    private readonly SimulatorClock _clock;
    private readonly SimulatorOptions _options;
    private readonly RuntimeSettings _settings;
    private readonly WebhookDispatcher _webhooks;
    private readonly Random _random;
    private readonly PriorityQueue<Action<DateTimeOffset>, (long Ticks, long Sequence)> _events = new();
    private readonly Dictionary<string, Account> _accountsByToken = new(StringComparer.Ordinal);
    private readonly List<Account> _accounts = [];
    private readonly Dictionary<Guid, SimCall> _calls = [];
    private long _eventSequence;
    private long _callSequence;
    private long _nextAgentId = 40;
    private long _nextCampaignId = 6;
    private long _nextUploadId = 18;
    private long _nextDndId = 30;
    private long _nextTagId = 11;

    /// <summary>Creates and seeds the world at the clock's current time.</summary>
    public SimulatorWorld(SimulatorClock clock, IOptions<SimulatorOptions> options, RuntimeSettings settings, WebhookDispatcher webhooks, ILogger<SimulatorWorld> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _options = options.Value;
        _settings = settings;
        _webhooks = webhooks;
        _random = new Random(_options.Seed ^ 0x5eed);
        var started = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Seed(clock.UtcNow);
        }

        logger.LogInformation("Seeded {Calls} calls for {Accounts} accounts (seed {Seed}) in {Milliseconds:F0} ms",
            _calls.Count, _accounts.Count, _options.Seed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The simulated clock the world runs on.</summary>
    public SimulatorClock Clock => _clock;

    /// <summary>Runs every event that is due (the background ticker calls this; requests do it anyway).</summary>
    public void Tick()
    {
        lock (_gate)
        {
            CatchUp();
        }
    }

    /// <summary>A snapshot of the accounts, their agents and campaigns (for tests, the banner and the admin API).</summary>
    public IReadOnlyList<SimulatedAccount> GetAccounts()
    {
        lock (_gate)
        {
            CatchUp();
            return [.. _accounts.Select(a => new SimulatedAccount(
                a.Id, a.Name, a.Token,
                [.. a.Agents.Select(g => new SimulatedAgent(g.Id, g.Uuid, g.Name, g.State, g.Channel, g.HasOutboundTrunk))],
                [.. a.Campaigns.Values.Select(c => new SimulatedCampaign(c.Id, c.Name, c.Status, c.Uploads.SelectMany(u => u.Queues).Any(q => !q.Completed)))],
                a.Calls.Count))];
        }
    }

    internal Account? FindAccount(string token)
    {
        // Tokens never change after seeding, so this read needs no lock.
        return _accountsByToken.GetValueOrDefault(token);
    }

    /// <summary>Runs due events; returns the simulated now. Callers hold the lock.</summary>
    private DateTimeOffset CatchUp()
    {
        var now = _clock.UtcNow;
        while (_events.TryPeek(out var action, out var key) && key.Ticks <= now.UtcTicks)
        {
            _events.Dequeue();
            action(new DateTimeOffset(key.Ticks, TimeSpan.Zero));
        }

        return now;
    }

    private void Schedule(DateTimeOffset at, Action<DateTimeOffset> action) =>
        _events.Enqueue(action, (at.UtcTicks, ++_eventSequence));

    private static void InsertSorted(Account account, SimCall call)
    {
        var calls = account.Calls;
        if (calls.Count == 0 || calls[^1].CreatedAt <= call.CreatedAt)
        {
            calls.Add(call);
            return;
        }

        var low = 0;
        var high = calls.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (calls[mid].CreatedAt <= call.CreatedAt)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        calls.Insert(low, call);
    }
}

/// <summary>An account as seen from outside the world.</summary>
/// <param name="Id">The account id (chat <c>account_id</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Token">Its 16-character API token.</param>
/// <param name="Agents">Every agent, archived ones included.</param>
/// <param name="Campaigns">Every campaign.</param>
/// <param name="CallCount">Calls on the account now.</param>
public sealed record SimulatedAccount(long Id, string Name, string Token, IReadOnlyList<SimulatedAgent> Agents, IReadOnlyList<SimulatedCampaign> Campaigns, int CallCount);

/// <summary>An agent as seen from outside the world.</summary>
public sealed record SimulatedAgent(long Id, string Uuid, string Name, AgentState State, AgentChannel Channel, bool HasOutboundTrunk);

/// <summary>A campaign as seen from outside the world.</summary>
public sealed record SimulatedCampaign(long Id, string Name, string Status, bool HasPendingQueue);
