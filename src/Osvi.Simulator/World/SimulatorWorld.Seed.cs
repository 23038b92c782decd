using Osvi.Simulator.Wire;

namespace Osvi.Simulator.World;

public sealed partial class SimulatorWorld
{
    private static readonly (string Name, string Color)[] s_tags =
    [
        ("interested", "#22c55e"), ("not-interested", "#ef4444"), ("callback", "#f59e0b"), ("converted", "#0ea5e9"),
        ("escalation", "#8b5cf6"), ("wrong-number", "#6b7280"),
    ];

    private static readonly string?[] s_dndReasons = ["customer opted out", "requested no calls", "complaint via email", "wrong number", "registered on NCPR", null];

    /// <summary>
    /// Builds the deterministic world relative to <paramref name="now"/>: account 1 (8 agents, 5 campaigns, the
    /// configured number of past calls, DND lists, a draining queue, a paused one, a few live calls) and a smaller
    /// account 2. Only ids, numbers and seeds are drawn here; transcripts and recordings are generated on demand.
    /// </summary>
    private void Seed(DateTimeOffset now)
    {
        var random = new Random(_options.Seed);
        var primary = AddAccount(7, "Sunrise Services Pvt Ltd", SimulatorDefaults.PrimaryToken);
        var secondary = AddAccount(8, "Bharat Logistics", SimulatorDefaults.SecondaryToken);

        var reminders = AddAgent(primary, random, "Appointment Reminder", AgentState.Active, AgentChannel.Voice, ScenarioKind.Appointment, now.AddHours(-2), trunk: true, analysis: true);
        var renewals = AddAgent(primary, random, "Policy Renewals", AgentState.Active, AgentChannel.Voice, ScenarioKind.Renewal, now.AddHours(-5), trunk: true, analysis: true);
        var support = AddAgent(primary, random, "Support Line", AgentState.Active, AgentChannel.Voice, ScenarioKind.Support, now.AddDays(-3), trunk: false, analysis: true);
        var collections = AddAgent(primary, random, "EMI Payment Reminder", AgentState.Active, AgentChannel.Voice, ScenarioKind.Collections, now.AddDays(-1), trunk: true, analysis: false);
        var leads = AddAgent(primary, random, "Lead Qualifier", AgentState.Inactive, AgentChannel.Voice, ScenarioKind.Leads, now.AddDays(-6), trunk: true, analysis: true);
        var survey = AddAgent(primary, random, "Feedback Survey (2025)", AgentState.Archived, AgentChannel.Voice, ScenarioKind.Survey, now.AddDays(-21), trunk: true, analysis: true);
        AddAgent(primary, random, "Order Help Chat", AgentState.Active, AgentChannel.Chat, ScenarioKind.Chat, now.AddDays(-1), trunk: false, analysis: true);
        AddAgent(primary, random, "Website Concierge (beta)", AgentState.Inactive, AgentChannel.Chat, ScenarioKind.Chat, now.AddDays(-4), trunk: false, analysis: false);

        var delivery = AddAgent(secondary, random, "Delivery Updates", AgentState.Active, AgentChannel.Voice, ScenarioKind.Delivery, now.AddHours(-4), trunk: true, analysis: true);
        var onboarding = AddAgent(secondary, random, "Driver Onboarding", AgentState.Inactive, AgentChannel.Voice, ScenarioKind.Leads, now.AddDays(-9), trunk: true, analysis: true);
        AddAgent(secondary, random, "Shipment Chat", AgentState.Active, AgentChannel.Chat, ScenarioKind.Chat, now.AddDays(-2), trunk: false, analysis: true);

        var customers = Customers(random, 1_800);
        var customers2 = Customers(random, 160);
        var start = now.AddDays(-_options.SeedDays);
        var settled = now.AddMinutes(-15);
        var seeded = 0;

        // Upload sizes follow the configured history size (5,200 by default), so a small world stays small.
        var scale = _options.PrimaryCallCount / 5_200.0;
        int Scaled(int count) => Math.Max(1, (int)Math.Round(count * scale));

        // Campaigns with their uploads (historic uploads are fully dialled).
        var june = AddCampaign(primary, "June Renewals", CampaignStatuses.Active, retry: true, threshold: 2, delay: 1_800, now.AddDays(-28));
        seeded += SeedUpload(june, renewals, random, customers, now.AddDays(-27), Scaled(350), settled);
        seeded += SeedUpload(june, renewals, random, customers, now.AddDays(-12), Scaled(300), settled);
        var clinic = AddCampaign(primary, "Clinic Appointment Reminders", CampaignStatuses.Active, retry: true, threshold: 1, delay: 600, now.AddDays(-30));
        for (var week = 0; week < 4; week++)
        {
            seeded += SeedUpload(clinic, reminders, random, customers, now.AddDays(-29 + (week * 7)), Scaled(150), settled);
        }

        var premium = AddCampaign(primary, "Premium Leads Q2", CampaignStatuses.Inactive, retry: true, threshold: 2, delay: 3_600, now.AddDays(-20));
        seeded += SeedUpload(premium, leads, random, customers, now.AddDays(-18), Scaled(250), settled);
        var emi = AddCampaign(primary, "EMI Reminders May", CampaignStatuses.Completed, retry: false, threshold: 0, delay: 0, now.AddDays(-26));
        seeded += SeedUpload(emi, collections, random, customers, now.AddDays(-25), Scaled(220), settled);
        seeded += SeedUpload(emi, collections, random, customers, now.AddDays(-16), Scaled(180), settled);
        var feedback = AddCampaign(primary, "Post-visit Feedback", CampaignStatuses.Active, retry: false, threshold: 0, delay: 0, now.AddDays(-7));
        seeded += SeedUpload(feedback, reminders, random, customers, now.AddDays(-6), Scaled(200), settled);

        // Ad-hoc (API and inbound) calls fill the rest of the history.
        var adHoc = new (Agent Agent, int Weight, DateTimeOffset From, DateTimeOffset To, bool Inbound)[]
        {
            (reminders, 30, start, settled, false), (renewals, 25, start, settled, false), (support, 22, start, settled, true),
            (collections, 13, start, settled, false), (leads, 6, now.AddDays(-18), now.AddDays(-8), false), (survey, 4, start, now.AddDays(-21), false),
        };
        var totalWeight = adHoc.Sum(a => a.Weight);
        for (var i = seeded; i < _options.PrimaryCallCount; i++)
        {
            var roll = random.Next(totalWeight);
            var pick = adHoc[^1];
            foreach (var candidate in adHoc)
            {
                if ((roll -= candidate.Weight) < 0)
                {
                    pick = candidate;
                    break;
                }
            }

            SeedCall(pick.Agent, random, Customer(random, customers), BusinessTime(random, pick.From, pick.To), pick.Inbound, null, null);
        }

        // Live state: a queue draining now, a paused campaign holding its queue, and calls being dialled right now.
        var current = NewUpload(june, renewals, now.AddMinutes(-30));
        var currentQueue = new CallQueue { Upload = current, Agent = renewals };
        current.Queues.Add(currentQueue);
        for (var i = 0; i < 25; i++)
        {
            SeedCall(renewals, random, Customer(random, customers), now.AddMinutes(-30 + i), inbound: false, june, current, dialDelaySeconds: 0);
            currentQueue.TotalQueued++;
        }

        Enqueue(currentQueue, Enumerable.Range(0, 35).Select(_ => Customer(random, customers)).Select(c => (c.Phone, (string?)c.Name)), now);
        var paused = NewUpload(premium, leads, now.AddDays(-2));
        var pausedQueue = new CallQueue { Upload = paused, Agent = leads };
        paused.Queues.Add(pausedQueue);
        Enqueue(pausedQueue, Enumerable.Range(0, 30).Select(_ => Customer(random, customers)).Select(c => (c.Phone, (string?)c.Name)), now.AddDays(-2));
        foreach (var (agent, secondsAgo) in new[] { (reminders, 20), (renewals, 50), (collections, 95) })
        {
            var (phone, name) = Customer(random, customers);
            var call = NewCall(primary, agent, phone, name, now.AddSeconds(-secondsAgo), inbound: false, null, null, null, null, 0, TimeSpan.Zero, null, null);
            Dial(call, call.CreatedAt.AddSeconds(_options.DialDelaySeconds));
        }

        // Account 2: smaller, for cross-account tests.
        var slots = AddCampaign(secondary, "Delivery Slot Confirmation", CampaignStatuses.Active, retry: true, threshold: 1, delay: 900, now.AddDays(-15));
        var seeded2 = SeedUpload(slots, delivery, random, customers2, now.AddDays(-14), Math.Max(1, _options.SecondaryCallCount * 3 / 8), settled);
        for (var i = seeded2; i < _options.SecondaryCallCount; i++)
        {
            var agent = random.Next(5) == 0 ? onboarding : delivery;
            SeedCall(agent, random, Customer(random, customers2), BusinessTime(random, start, settled), inbound: false, null, null);
        }

        SeedDnd(primary, renewals, random, customers, 12, start, now);
        SeedDnd(primary, reminders, random, customers, 5, start, now);
        SeedDnd(primary, collections, random, customers, 8, start, now);
        SeedDnd(secondary, delivery, random, customers2, 3, start, now);
    }

    private Account AddAccount(long id, string name, string token)
    {
        var account = new Account { Id = id, Name = name, Token = token };
        foreach (var (tagName, color) in s_tags)
        {
            account.Tags.Add(new Tag(++_nextTagId, tagName, color));
        }

        _accounts.Add(account);
        _accountsByToken.Add(token, account);
        return account;
    }

    private Agent AddAgent(Account account, Random random, string name, AgentState state, AgentChannel channel, ScenarioKind scenario, DateTimeOffset updatedAt, bool trunk, bool analysis)
    {
        var agent = new Agent
        {
            Id = ++_nextAgentId,
            Uuid = Names.AgentUuid(random),
            Name = name,
            Account = account,
            State = state,
            Channel = channel,
            Scenario = scenario,
            UpdatedAt = updatedAt,
            HasOutboundTrunk = trunk,
            AnalysisEnabled = analysis,
            FromNumber = $"+9111400{random.Next(10_000, 99_999)}",
        };
        account.Agents.Add(agent);
        account.AgentsByUuid.Add(agent.Uuid, agent);
        return agent;
    }

    private Campaign AddCampaign(Account account, string name, string status, bool retry, int threshold, int delay, DateTimeOffset createdAt)
    {
        var campaign = new Campaign
        {
            Id = ++_nextCampaignId,
            Name = name,
            Account = account,
            Status = status,
            IsRetryEnabled = retry,
            RetryThreshold = threshold,
            RetryDelaySeconds = delay,
            CreatedAt = createdAt,
        };
        account.Campaigns.Add(campaign.Id, campaign);
        return campaign;
    }

    private int SeedUpload(Campaign campaign, Agent agent, Random random, (string, string)[] customers, DateTimeOffset createdAt, int count, DateTimeOffset settled)
    {
        var upload = NewUpload(campaign, agent, createdAt);
        var queue = new CallQueue { Upload = upload, Agent = agent, TotalQueued = count, Completed = true };
        upload.Queues.Add(queue);
        var end = createdAt.AddDays(2) < settled ? createdAt.AddDays(2) : settled;
        for (var i = 0; i < count; i++)
        {
            SeedCall(agent, random, Customer(random, customers), BusinessTime(random, createdAt, end), inbound: false, campaign, upload, dialDelaySeconds: 0);
        }

        return count;
    }

    /// <summary>A finished past call with an outcome drawn like a live one (inbound calls are mostly answered).</summary>
    private void SeedCall(Agent agent, Random random, (string Phone, string Name) customer, DateTimeOffset createdAt, bool inbound, Campaign? campaign, Upload? upload, int dialDelaySeconds = 2)
    {
        var call = NewCall(agent.Account, agent, customer.Phone, customer.Name, createdAt, inbound, campaign, upload, queue: null,
            webhookUrl: null, maxRetries: 0, retryInterval: TimeSpan.Zero, maxDuration: null, additionalData: null);
        var (status, ring, talk) = DrawOutcome(call);
        if (inbound)
        {
            status = random.Next(100) switch { < 92 => CallStatuses.Picked, < 97 => CallStatuses.NotPicked, _ => CallStatuses.Failed };
            talk = status == CallStatuses.Picked ? Math.Max(talk, 30) : 0;
        }

        if (campaign is { IsRetryEnabled: true } && status != CallStatuses.Picked && random.Next(3) == 0)
        {
            call.RetryCount = 1 + random.Next(campaign.RetryThreshold);
        }

        call.PickedAt = createdAt.AddSeconds(dialDelaySeconds);
        SetOutcome(call, status, talk, call.PickedAt.Value.AddSeconds(ring + talk));
    }

    private void SeedDnd(Account account, Agent agent, Random random, (string Phone, string Name)[] customers, int count, DateTimeOffset from, DateTimeOffset to)
    {
        var list = account.DndOf(agent);
        while (list.Count < count)
        {
            var (phone, _) = customers[random.Next(customers.Length)];
            if (list.ContainsKey(phone) || account.Calls.Any(c => c.AwaitingDial && c.Phone == phone))
            {
                continue;
            }

            var createdAt = from + TimeSpan.FromSeconds(random.NextDouble() * (to - from).TotalSeconds);
            list.Add(phone, new DndEntry { Id = ++_nextDndId, Agent = agent, Phone = phone, Reason = s_dndReasons[random.Next(s_dndReasons.Length)], CreatedAt = createdAt });
        }
    }

    private static (string Phone, string Name)[] Customers(Random random, int count)
    {
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var result = new (string, string)[count];
        for (var i = 0; i < count; i++)
        {
            string phone;
            do
            {
                phone = Names.Mobile(random);
            }
            while (!phones.Add(phone));

            result[i] = (phone, Names.Person(random));
        }

        return result;
    }

    /// <summary>Repeat customers: a skewed pick, so some numbers have many calls.</summary>
    private static (string Phone, string Name) Customer(Random random, (string Phone, string Name)[] customers) =>
        customers[(int)(customers.Length * Math.Pow(random.NextDouble(), 1.6))];

    /// <summary>A moment in [from, to] weighted to Indian business hours and weekdays.</summary>
    private static DateTimeOffset BusinessTime(Random random, DateTimeOffset from, DateTimeOffset to)
    {
        var span = (to - from).TotalSeconds;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = from.AddSeconds(Math.Floor(random.NextDouble() * span));
            var local = candidate.ToOffset(Timestamps.IstOffset);
            var weight = local.Hour switch
            {
                < 8 => 0.02,
                8 => 0.3,
                >= 9 and <= 12 => 1.0,
                13 => 0.7,
                >= 14 and <= 17 => 0.9,
                18 or 19 => 0.55,
                20 => 0.25,
                _ => 0.04,
            } * local.DayOfWeek switch { DayOfWeek.Sunday => 0.3, DayOfWeek.Saturday => 0.6, _ => 1.0 };
            if (random.NextDouble() < weight)
            {
                return candidate;
            }
        }

        return from.AddSeconds(Math.Floor(random.NextDouble() * span));
    }
}
