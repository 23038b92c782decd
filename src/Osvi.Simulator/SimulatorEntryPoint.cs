namespace Osvi.Simulator;

/// <summary>Marker type for <c>WebApplicationFactory&lt;SimulatorEntryPoint&gt;</c>: the simulator in memory for tests.</summary>
public sealed class SimulatorEntryPoint;
