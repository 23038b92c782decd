using System.Globalization;

namespace Osvi.Benchmarks;

/// <summary>Reads <c>--name value</c> options of a benchmark's command line.</summary>
internal static class Options
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
