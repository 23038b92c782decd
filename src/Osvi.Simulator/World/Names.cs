namespace Osvi.Simulator.World;

/// <summary>Indian names and numbers for the seeded world.</summary>
internal static class Names
{
    private static readonly string[] s_firstNames =
    [
        "Aarav", "Vivaan", "Aditya", "Arjun", "Sai", "Reyansh", "Krishna", "Ishaan", "Rohan", "Kabir", "Rahul", "Vikram",
        "Anil", "Suresh", "Rajesh", "Manoj", "Amit", "Sanjay", "Deepak", "Nikhil", "Harish", "Karthik", "Pranav", "Siddharth",
        "Ananya", "Diya", "Aadhya", "Saanvi", "Priya", "Kavya", "Neha", "Pooja", "Sneha", "Anjali", "Meera", "Lakshmi",
        "Divya", "Shreya", "Ritu", "Sunita", "Geeta", "Nandini", "Aishwarya", "Isha", "Tanvi", "Radhika", "Swati", "Bhavna",
    ];

    private static readonly string[] s_lastNames =
    [
        "Sharma", "Verma", "Gupta", "Kumar", "Singh", "Patel", "Shah", "Mehta", "Iyer", "Nair", "Reddy", "Rao", "Menon",
        "Pillai", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Joshi", "Kulkarni", "Deshpande", "Patil", "Jain", "Agarwal",
        "Bhat", "Hegde", "Naidu", "Choudhary", "Malhotra", "Kapoor", "Sinha", "Mishra", "Yadav", "Thakur", "Saxena", "Desai",
    ];

    public static string Person(Random random) => $"{s_firstNames[random.Next(s_firstNames.Length)]} {s_lastNames[random.Next(s_lastNames.Length)]}";

    /// <summary>A 10-digit Indian mobile number in E.164 that no <see cref="OutcomeRules"/> suffix matches.</summary>
    public static string Mobile(Random random)
    {
        while (true)
        {
            var first = "6789"[random.Next(4)];
            var rest = random.NextInt64(0, 1_000_000_000L);
            var phone = $"+91{first}{rest:D9}";
            if (!OutcomeRules.IsForced(phone))
            {
                return phone;
            }
        }
    }

    /// <summary>A lowercase UUID v4 drawn from the seeded random.</summary>
    public static Guid Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private const string AgentAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary><c>agent_</c> + 26 characters of <c>[A-Za-z0-9_-]</c>, like OSVI's.</summary>
    public static string AgentUuid(Random random)
    {
        Span<char> chars = stackalloc char[26];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = AgentAlphabet[random.Next(AgentAlphabet.Length)];
        }

        return "agent_" + new string(chars);
    }
}
