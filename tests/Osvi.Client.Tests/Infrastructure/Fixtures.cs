using System.Text.Json;
using Osvi.Client.Serialization;

namespace Osvi.Client.Tests.Infrastructure;

/// <summary>Reads the contract's example payloads copied to the test output (<c>Fixtures/*</c>).</summary>
public static class Fixtures
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Deserialises a fixture with the client's own settings, as Refit does.</summary>
    public static T Deserialize<T>(string name) =>
        JsonSerializer.Deserialize<T>(Read(name), OsviJson.Options) ?? throw new InvalidOperationException($"{name} deserialised to null.");

    public static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);
}
