using Osvi.Simulator;
using Osvi.Simulator.Hosting;

namespace Osvi.Client.Tests.Contract;

/// <summary>
/// The simulator on a real loopback port (<see cref="EmbeddedSimulator"/>, Kestrel) and clients on real sockets. Only
/// for transport faults: in memory, TestServer reports a dropped connection as an <see cref="OperationCanceledException"/>
/// where a socket gives an <see cref="HttpRequestException"/>, so the client's retry of a dropped GET can only be proven
/// here.
/// </summary>
public sealed class LoopbackSimulatorFixture : IAsyncLifetime
{
    private EmbeddedSimulator? _simulator;

    public SimulatorAdmin Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await EmbeddedSimulator.StartAsync(["--Simulator:PrimaryCallCount=100", "--Simulator:SecondaryCallCount=20"], TestContext.Current.CancellationToken);
        Admin = new SimulatorAdmin(() => new HttpClient { BaseAddress = _simulator.BaseUrl });
    }

    /// <summary>A fresh client on real sockets; dispose it.</summary>
    public ContractClient Client(Action<Dictionary<string, string?>>? configure = null) =>
        new(_simulator!.BaseUrl, SimulatorDefaults.PrimaryToken, configure, primaryHandler: null, recordWire: false);

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
