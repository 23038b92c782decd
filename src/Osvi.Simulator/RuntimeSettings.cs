using Microsoft.Extensions.Options;

namespace Osvi.Simulator;

/// <summary>The behaviour switches that tests flip at run time (<c>PATCH /_simulator/settings</c>), seeded from
/// <see cref="SimulatorOptions"/>.</summary>
public sealed class RuntimeSettings(IOptions<SimulatorOptions> options)
{
    private volatile Snapshot _current = new(options.Value.ValidationStyle, options.Value.UnauthorizedBody, options.Value.DndCallBehavior, options.Value.CallIdStyle);

    /// <summary>400 (v1) or 422 (intro) validation errors.</summary>
    public ValidationStyle ValidationStyle { get => _current.ValidationStyle; set => _current = _current with { ValidationStyle = value }; }

    /// <summary>Raw JSON of the 401 body; null = the D1 default.</summary>
    public string? UnauthorizedBody { get => _current.UnauthorizedBody; set => _current = _current with { UnauthorizedBody = value }; }

    /// <summary>What <c>POST /v1/call</c> does with a DND number.</summary>
    public DndCallBehavior DndCallBehavior { get => _current.DndCallBehavior; set => _current = _current with { DndCallBehavior = value }; }

    /// <summary>The <c>call_id</c> style of <c>POST /v1/call</c>.</summary>
    public CallIdStyle CallIdStyle { get => _current.CallIdStyle; set => _current = _current with { CallIdStyle = value }; }

    /// <summary>When set, every AI chat reply is this text (e.g. markup, to prove a client renders replies as text).</summary>
    public string? ChatReply { get => _current.ChatReply; set => _current = _current with { ChatReply = value }; }

    private sealed record Snapshot(ValidationStyle ValidationStyle, string? UnauthorizedBody, DndCallBehavior DndCallBehavior, CallIdStyle CallIdStyle, string? ChatReply = null);
}
