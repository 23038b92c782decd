using System.Text.RegularExpressions;

namespace Osvi.Simulator.Chat;

/// <summary>
/// The simulated chat agent's deterministic replies, so tests can assert on them. The rules, first match wins:
/// a request for a person (<see cref="HumanKeywords"/>) → <see cref="HandOffReply"/> and <c>help_requested</c>;
/// "order" → <see cref="OrderQuestionReply"/>; a 5+ digit number → an order status; "refund"; a greeting; thanks;
/// goodbye; anything else is echoed back.
/// </summary>
public static partial class ChatReplies
{
    /// <summary>Words that make <c>help_requested</c> true.</summary>
    public static IReadOnlyList<string> HumanKeywords { get; } = ["human", "person", "representative", "operator", "real agent", "talk to someone"];

    /// <summary>Reply to a request for a person.</summary>
    public const string HandOffReply = "I understand you would like to speak with a person. I have asked a member of our team to join this chat.";

    /// <summary>Reply to a message about an order (the contract's example).</summary>
    public const string OrderQuestionReply = "Sure — I can help with that. What's your order number?";

    /// <summary>Reply of <c>tell</c> (the contract's example).</summary>
    public const string TellReply = "Of course, let me pull that up for you.";

    /// <summary>Appended to the first AI reply after a <c>whisper</c>: the guidance was used, never shown.</summary>
    public const string WhisperAcknowledgement = " I have also checked this with our team.";

    /// <summary>Whether a customer message asks for a human.</summary>
    public static bool AsksForHuman(string content) =>
        HumanKeywords.Any(k => content.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>The AI reply to a customer message.</summary>
    public static string Reply(string content)
    {
        var text = content.Trim();
        if (AsksForHuman(text))
        {
            return HandOffReply;
        }

        if (text.Contains("order", StringComparison.OrdinalIgnoreCase) && !OrderNumber().IsMatch(text))
        {
            return OrderQuestionReply;
        }

        if (OrderNumber().Match(text) is { Success: true } number)
        {
            return $"Thanks! Order {number.Value} is packed and will be delivered within 2 working days.";
        }

        if (text.Contains("refund", StringComparison.OrdinalIgnoreCase))
        {
            return "I'm sorry about that. Refunds are processed within 5–7 working days. Shall I raise a refund request for you?";
        }

        if (Greeting().IsMatch(text))
        {
            return "Hello! How can I help you today?";
        }

        if (text.Contains("thank", StringComparison.OrdinalIgnoreCase))
        {
            return "You're welcome! Is there anything else I can help with?";
        }

        if (text.Contains("bye", StringComparison.OrdinalIgnoreCase))
        {
            return "Goodbye! Have a great day.";
        }

        var quoted = text.Length > 120 ? text[..120] + "…" : text;
        return $"Thanks for your message: \"{quoted}\". Could you tell me a little more so I can help?";
    }

    [GeneratedRegex(@"\d{5,}")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"^(hi|hello|hey|namaste|good (morning|afternoon|evening))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();
}
