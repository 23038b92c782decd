using System.Globalization;
using System.Text.Json.Nodes;
using Osvi.Simulator.Wire;

namespace Osvi.Simulator.World;

/// <summary>What an agent talks about; picks the scripts, summaries and extracted data of its calls.</summary>
internal enum ScenarioKind
{
    Appointment,
    Renewal,
    Support,
    Collections,
    Leads,
    Survey,
    Delivery,
    Chat,
}

/// <summary>A transcript turn with its timing, in seconds from the start of the call.</summary>
internal sealed record Turn(bool IsAgent, string Content, double Start, double End)
{
    public TranscriptTurnDto ToDto() => new(IsAgent ? "agent" : "user", Content, Start, End);
}

/// <summary>Everything post-call analysis produced for an answered call.</summary>
internal sealed record Conversation(IReadOnlyList<Turn> Turns, string Summary, JsonObject DataCaptured, JsonObject PostCallAnalysis, string? TagName);

/// <summary>
/// Generates a call's conversation on demand from its seed, so 5,000+ calls cost no transcript memory: the same call
/// always yields the same transcript, summary, extracted data and tag, and the recording follows the same turns.
/// </summary>
internal static class Conversations
{
    private sealed record Outcome(string Key, int Weight, string? Tag, string Sentiment, bool Callback, string[] Script, string Summary, Func<Random, string, JsonObject> Data);

    private sealed record Scenario(string Company, string Persona, Outcome[] Outcomes);

    private static readonly string[][] s_fillers =
    [
        ["Is there anything else I can help you with today?", "Yes, actually, I had one more question about the timing."],
        ["Sure, let me check that for you. It will take just a moment.", "Okay, I'll wait."],
        ["Thank you for waiting. I have the details in front of me now.", "Great, please go ahead."],
        ["Could you please confirm your registered email address for our records?", "It should be the same one I gave you last time."],
        ["Got it. I have noted that down against your profile.", "Thank you. And will I get a message about this?"],
        ["Yes, you will receive an SMS and a WhatsApp confirmation shortly.", "Perfect, that works for me."],
        ["Just to be sure I understood you correctly, could you repeat that once?", "Sure, let me say it again slowly."],
        ["Thank you, that is clear now.", "Also, is there any charge for this?"],
        ["No, there is no additional charge for this.", "Okay, that is good to know."],
    ];

    private static readonly Dictionary<ScenarioKind, Scenario> s_scenarios = new()
    {
        [ScenarioKind.Appointment] = new("Sunrise Clinic", "Priya",
        [
            new("confirmed", 55, "converted", "positive", false,
                ["Hello {name}, this is {persona} calling from {company} about your appointment on {date} at {time}.", "Oh yes, hello.", "I wanted to confirm that you will be able to make it.", "Yes, I will be there.", "Wonderful. Please carry your previous reports and arrive ten minutes early.", "Sure, I will do that."],
                "The customer confirmed their appointment for {date} at {time} and will bring previous reports.",
                (r, n) => new JsonObject { ["appointment_confirmed"] = true, ["preferred_time"] = null, ["customer_name"] = n }),
            new("reschedule", 25, "callback", "neutral", true,
                ["Hello {name}, this is {persona} from {company}. I'm calling to confirm your appointment on {date} at {time}.", "Hi. Actually, I can't make it on that day.", "No problem at all. Would you like to reschedule?", "Yes, could we do {date2} in the evening?", "Let me check. We have a slot at 6 PM on {date2}. Shall I book that?", "Yes please, that works."],
                "The customer cannot attend on {date}; the appointment was moved to {date2} at 6 PM.",
                (r, n) => new JsonObject { ["appointment_confirmed"] = false, ["preferred_time"] = "6:00 PM", ["customer_name"] = n }),
            new("cancel", 12, "not-interested", "negative", false,
                ["Hello {name}, this is {persona} from {company} regarding your appointment on {date}.", "Please cancel it, I have already consulted another doctor.", "I understand. I will cancel the appointment for you.", "Thank you."],
                "The customer asked to cancel the appointment on {date}; they consulted another doctor.",
                (r, n) => new JsonObject { ["appointment_confirmed"] = false, ["cancellation_reason"] = "consulted elsewhere", ["customer_name"] = n }),
            new("wrong", 8, "wrong-number", "neutral", false,
                ["Hello, am I speaking with {name}?", "No, you have the wrong number.", "I'm sorry for the trouble. I will update our records.", "Okay."],
                "The number does not belong to the patient; the records need updating.",
                (r, n) => new JsonObject { ["appointment_confirmed"] = false, ["wrong_number"] = true }),
        ]),
        [ScenarioKind.Renewal] = new("Sunrise Insurance", "Arjun",
        [
            new("renewed", 30, "converted", "positive", false,
                ["Good morning {name}, this is {persona} from {company}. Your health policy {policy} is due for renewal on {date}.", "Yes, I got the email about it.", "The renewal premium is {amount}. Would you like to renew it today?", "Yes, please send me the payment link.", "I have sent the link to your registered mobile number and email.", "Got it, I will pay right away."],
                "The customer agreed to renew policy {policy} for {amount}; a payment link was sent.",
                (r, n) => new JsonObject { ["renewal_intent"] = "yes", ["preferred_payment"] = Pick(r, "UPI", "card", "net banking"), ["premium_quoted"] = 12_000 + (r.Next(40) * 500) }),
            new("interested", 25, "interested", "positive", true,
                ["Hello {name}, this is {persona} from {company} about your policy {policy}, which expires on {date}.", "Yes, I wanted to ask whether I can add my mother to the policy.", "Certainly. Adding a family member changes the premium to about {amount}.", "Okay, let me discuss with my family and get back.", "Sure, shall I call you again on {date2}?", "Yes, that is fine."],
                "The customer is interested in renewing and adding a family member; callback on {date2}.",
                (r, n) => new JsonObject { ["renewal_intent"] = "maybe", ["add_member"] = true, ["callback_date"] = null }),
            new("callback", 20, "callback", "neutral", true,
                ["Hello {name}, this is {persona} from {company}. Is this a good time to talk about your policy renewal?", "I'm driving right now, can you call me after 6 PM?", "Of course. I will call you back after 6 PM today.", "Thanks."],
                "The customer was busy and asked for a callback after 6 PM.",
                (r, n) => new JsonObject { ["renewal_intent"] = "unknown", ["callback_time"] = "after 6pm" }),
            new("declined", 18, "not-interested", "negative", false,
                ["Hello {name}, this is {persona} from {company} regarding the renewal of policy {policy}.", "I have already moved to another insurer, I will not renew.", "I understand. May I ask what made you switch?", "The other company gave a better premium.", "Thank you for the feedback. I will update our records."],
                "The customer will not renew: they switched to another insurer for a lower premium.",
                (r, n) => new JsonObject { ["renewal_intent"] = "no", ["reason"] = "switched insurer" }),
            new("complaint", 7, "escalation", "negative", true,
                ["Hello {name}, this is {persona} from {company} about your policy renewal.", "My last claim is still not settled and you are asking me to renew?", "I am very sorry about that. Could you share the claim number?", "It is CLM{order}. I have called three times already.", "I am escalating this to our claims team right now; a manager will call you within 24 hours.", "Please make sure they do."],
                "The customer complained that claim CLM{order} is unsettled; escalated to the claims team.",
                (r, n) => new JsonObject { ["renewal_intent"] = "blocked", ["complaint"] = true, ["claim_number"] = $"CLM{r.Next(100_000, 999_999)}" }),
        ]),
        [ScenarioKind.Support] = new("Sunrise Services", "Neha",
        [
            new("resolved", 60, null, "positive", false,
                ["Thank you for calling {company}, this is {persona}. How can I help you today?", "Hi, I wanted to know the status of my order {order}.", "Let me check. Your order {order} was shipped yesterday and will be delivered by {date}.", "Oh great, thank you.", "Is there anything else I can help you with?", "No, that's all."],
                "The customer asked about order {order}; it ships and arrives by {date}.",
                (r, n) => new JsonObject { ["issue_type"] = "order_status", ["order_number"] = r.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture), ["resolved"] = true }),
            new("refund", 25, "callback", "neutral", true,
                ["Thank you for calling {company}, this is {persona}. How may I help?", "I returned a product last week and have not received my refund.", "I'm sorry for the delay. I can see the return was received on {date}.", "So when will I get the money?", "The refund of {amount} will be processed in 3 to 5 working days. I will call to confirm.", "Okay, thank you."],
                "Refund of {amount} for a returned product is pending; follow-up call promised.",
                (r, n) => new JsonObject { ["issue_type"] = "refund", ["refund_amount"] = 500 + (r.Next(60) * 50), ["resolved"] = false }),
            new("escalated", 15, "escalation", "negative", true,
                ["Thank you for calling {company}, this is {persona}.", "I want to talk to a human, this is the fourth time I am calling!", "I understand your frustration. I am transferring you to a senior executive now.", "Fine."],
                "The frustrated customer asked for a human and was transferred to a senior executive.",
                (r, n) => new JsonObject { ["issue_type"] = "complaint", ["human_requested"] = true, ["resolved"] = false }),
        ]),
        [ScenarioKind.Collections] = new("Sunrise Finance", "Rohan",
        [
            new("promise", 45, "interested", "neutral", true,
                ["Hello {name}, this is {persona} from {company}. Your EMI of {amount} was due on {date}.", "Yes, I know, I had some delay in my salary.", "I understand. By when do you think you can make the payment?", "I will pay by {date2}.", "Thank you. I have noted the promise to pay by {date2}.", "Okay."],
                "The customer promised to pay the EMI of {amount} by {date2}.",
                (r, n) => new JsonObject { ["promise_to_pay"] = true, ["promised_date"] = null, ["amount_due"] = 2_000 + (r.Next(80) * 250) }),
            new("paid", 30, "converted", "positive", false,
                ["Hello {name}, this is {persona} from {company} about your EMI of {amount}.", "I paid it yesterday through UPI.", "Thank you! It may take a day to reflect. Please keep the transaction reference.", "Sure."],
                "The customer says the EMI of {amount} was already paid by UPI.",
                (r, n) => new JsonObject { ["promise_to_pay"] = false, ["already_paid"] = true, ["payment_mode"] = "UPI" }),
            new("dispute", 25, "escalation", "negative", true,
                ["Hello {name}, this is {persona} from {company} regarding an overdue amount of {amount}.", "That is wrong, I closed that loan two months ago.", "I'm sorry for the confusion. I will raise a request to verify the closure.", "Please do, and stop calling me."],
                "The customer disputes the overdue {amount}, saying the loan was closed; verification raised.",
                (r, n) => new JsonObject { ["promise_to_pay"] = false, ["dispute"] = true }),
        ]),
        [ScenarioKind.Leads] = new("Sunrise Homes", "Kavya",
        [
            new("hot", 30, "interested", "positive", true,
                ["Hi {name}, this is {persona} from {company}. You enquired about our 2 and 3 BHK apartments in Whitefield.", "Yes, I'm looking for a 3 BHK.", "Great! What budget do you have in mind?", "Around 1.2 crore.", "We have units in that range. Can I schedule a site visit on {date}?", "Yes, Saturday morning works."],
                "Lead wants a 3 BHK around 1.2 crore; site visit scheduled on {date}.",
                (r, n) => new JsonObject { ["budget_lakhs"] = 80 + (r.Next(10) * 10), ["bhk"] = Pick(r, "2", "3"), ["site_visit"] = true }),
            new("cold", 45, "not-interested", "neutral", false,
                ["Hi {name}, this is {persona} from {company} following up on your property enquiry.", "I'm not looking right now, maybe next year.", "No problem. Shall I send you our brochure on WhatsApp?", "Okay, send it."],
                "Lead is not looking now; brochure sent on WhatsApp.",
                (r, n) => new JsonObject { ["budget_lakhs"] = null, ["site_visit"] = false }),
            new("wrong", 25, "wrong-number", "neutral", false,
                ["Hi, am I speaking with {name}?", "No, wrong number.", "Sorry to disturb you."],
                "Wrong number; the lead's contact details are incorrect.",
                (r, n) => new JsonObject { ["wrong_number"] = true }),
        ]),
        [ScenarioKind.Survey] = new("Sunrise Clinic", "Aditi",
        [
            new("happy", 60, "interested", "positive", false,
                ["Hello {name}, this is {persona} from {company}. Could you spare two minutes for feedback on your recent visit?", "Sure.", "On a scale of one to five, how was your experience?", "I would say five, the staff was very helpful.", "Thank you so much for the feedback!"],
                "The customer rated the visit 5/5 and praised the staff.",
                (r, n) => new JsonObject { ["rating"] = 4 + r.Next(2), ["would_recommend"] = true }),
            new("unhappy", 40, "escalation", "negative", true,
                ["Hello {name}, this is {persona} from {company} with a short feedback survey.", "Okay.", "How would you rate your recent visit from one to five?", "Two. I waited for more than an hour.", "I'm sorry about the wait. I will share this with the clinic manager."],
                "The customer rated the visit 2/5 because of a long wait; shared with the manager.",
                (r, n) => new JsonObject { ["rating"] = 1 + r.Next(2), ["would_recommend"] = false, ["complaint"] = "long wait" }),
        ]),
        [ScenarioKind.Delivery] = new("Bharat Logistics", "Karthik",
        [
            new("confirmed", 70, "converted", "positive", false,
                ["Hello {name}, this is {persona} from {company}. Your shipment {order} is out for delivery on {date}.", "Okay, what time?", "Between 2 and 6 PM. Will someone be available to receive it?", "Yes, I will be home."],
                "The customer confirmed availability for delivery of shipment {order} on {date}.",
                (r, n) => new JsonObject { ["slot_confirmed"] = true, ["slot"] = "2-6 PM" }),
            new("reslot", 30, "callback", "neutral", true,
                ["Hello {name}, this is {persona} from {company} about shipment {order}.", "I won't be home tomorrow, can you deliver on {date2}?", "Sure, I have moved your delivery to {date2}.", "Thanks."],
                "Delivery of shipment {order} moved to {date2} at the customer's request.",
                (r, n) => new JsonObject { ["slot_confirmed"] = false, ["new_date"] = null }),
        ]),
    };

    /// <summary>Picks a tag name for an answered call (null = no tag), consistent with <see cref="Generate"/>.</summary>
    public static string? TagFor(ScenarioKind kind, int seed) => OutcomeFor(kind, new Random(seed)).Tag;

    /// <summary>The full conversation of an answered call of <paramref name="durationSeconds"/>.</summary>
    public static Conversation Generate(ScenarioKind kind, int seed, int durationSeconds, string? personName, DateTimeOffset callTime)
    {
        var random = new Random(seed);
        var outcome = OutcomeFor(kind, random);
        var scenario = ScenarioOf(kind);
        var fullName = personName ?? "Customer";
        var values = Placeholders(random, scenario, fullName, callTime);

        var turns = LayOut(random, outcome.Script, values, durationSeconds);
        var data = outcome.Data(random, fullName);
        // Values the outcome leaves open are the ones the conversation mentions.
        foreach (var key in data.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            data[key] = key switch
            {
                "preferred_time" => values["time"],
                "promised_date" or "callback_date" or "new_date" => values["date2"],
                _ => null,
            };
        }

        var analysis = new JsonObject
        {
            ["sentiment"] = outcome.Sentiment,
            ["callback_required"] = outcome.Callback,
            ["intent"] = outcome.Key,
            ["call_quality_score"] = 6 + random.Next(5),
            ["language"] = Pick(random, "en-IN", "hi-IN", "en-IN"),
        };
        return new Conversation(turns, Fill(outcome.Summary, values), data, analysis, outcome.Tag);
    }

    /// <summary>The W1 <c>chat</c> string: <c>"Agent: …\nUser: …"</c>.</summary>
    public static string ChatText(IReadOnlyList<Turn> turns) =>
        string.Join('\n', turns.Select(t => (t.IsAgent ? "Agent: " : "User: ") + t.Content));

    private static Outcome OutcomeFor(ScenarioKind kind, Random random)
    {
        var outcomes = ScenarioOf(kind).Outcomes;
        var roll = random.Next(outcomes.Sum(o => o.Weight));
        foreach (var outcome in outcomes)
        {
            roll -= outcome.Weight;
            if (roll < 0)
            {
                return outcome;
            }
        }

        return outcomes[^1];
    }

    private static Scenario ScenarioOf(ScenarioKind kind) => s_scenarios.TryGetValue(kind, out var scenario) ? scenario : s_scenarios[ScenarioKind.Support];

    private static Dictionary<string, string> Placeholders(Random random, Scenario scenario, string fullName, DateTimeOffset callTime)
    {
        var local = callTime.ToOffset(Timestamps.IstOffset);
        var date = local.AddDays(1 + random.Next(6));
        var date2 = date.AddDays(2 + random.Next(4));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = fullName.Split(' ')[0],
            ["persona"] = scenario.Persona,
            ["company"] = scenario.Company,
            ["date"] = date.ToString("dddd, d MMMM", CultureInfo.InvariantCulture),
            ["date2"] = date2.ToString("dddd, d MMMM", CultureInfo.InvariantCulture),
            ["time"] = local.Date.AddHours(9 + random.Next(9)).AddMinutes(random.Next(2) * 30).ToString("h:mm tt", CultureInfo.InvariantCulture),
            ["amount"] = "₹" + (1_500 + (random.Next(200) * 150)).ToString("N0", CultureInfo.GetCultureInfo("en-IN")),
            ["policy"] = $"HP-{random.Next(1_000_000, 9_999_999)}",
            ["order"] = random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static List<Turn> LayOut(Random random, string[] script, Dictionary<string, string> values, int durationSeconds)
    {
        // Script first, then filler exchanges until the call's length is used, then the goodbye; turns alternate
        // agent/user, each as long as its words take to say (~2.6 words per second).
        const double WordsPerSecond = 2.6;
        var closing = new[] { Fill("Thank you for your time, {name}. Have a great day!", values), "Thank you, bye." };
        var closingLength = closing.Sum(c => Speak(c)) + 1.5;
        var turns = new List<Turn>();
        var t = 0.6 + (random.NextDouble() * 0.8);
        var limit = Math.Max(durationSeconds - 0.5, 1);
        var isAgent = true;

        bool TryAdd(string text, double budget)
        {
            var length = Speak(text);
            if (t + length > budget)
            {
                return false;
            }

            turns.Add(new Turn(isAgent, text, Math.Round(t, 2), Math.Round(t + length, 2)));
            t += length + 0.35 + (random.NextDouble() * 0.8);
            isAgent = !isAgent;
            return true;
        }

        var body = limit - closingLength;
        foreach (var line in script)
        {
            if (!TryAdd(Fill(line, values), body))
            {
                break;
            }
        }

        if (turns.Count == script.Length)
        {
            var filler = random.Next(s_fillers.Length);
            while (true)
            {
                var pair = s_fillers[filler++ % s_fillers.Length];
                var text = isAgent ? pair[0] : pair[1];
                if (!TryAdd(text, body))
                {
                    break;
                }
            }
        }

        if (!isAgent)
        {
            TryAdd("Okay.", limit);
        }

        foreach (var line in closing)
        {
            TryAdd(line, limit);
        }

        return turns;

        static double Speak(string text) => Math.Max(1.0, text.Count(c => c == ' ') + 1) / WordsPerSecond;
    }

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var result = template;
        foreach (var (key, value) in values)
        {
            result = result.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return result;
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
