namespace Osvi.Client.Tests.Infrastructure;

/// <summary>Reads the contract's example payloads copied to the test output (<c>Fixtures/*.json</c>).</summary>
public static class Fixtures
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
