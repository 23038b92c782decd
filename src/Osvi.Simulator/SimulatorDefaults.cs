namespace Osvi.Simulator;

/// <summary>Well-known values of the seeded simulator, for demos and tests. Never real OSVI credentials.</summary>
public static class SimulatorDefaults
{
    /// <summary>API token of the primary demo account (16 characters, like OSVI's).</summary>
    public const string PrimaryToken = "sim-primary-0001";

    /// <summary>API token of the second account, for cross-account (403/404) tests.</summary>
    public const string SecondaryToken = "sim-second-00002";

    /// <summary>Default key of the admin endpoints outside <c>/v1</c> (faults, clock); header <c>X-Simulator-Admin-Key</c>.</summary>
    public const string AdminKey = "sim-admin-key-change-me";

    /// <summary>The header that carries <see cref="AdminKey"/>.</summary>
    public const string AdminKeyHeader = "X-Simulator-Admin-Key";
}
