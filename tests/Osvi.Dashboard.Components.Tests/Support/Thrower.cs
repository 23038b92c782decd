using Microsoft.AspNetCore.Components;

namespace Osvi.Dashboard.Components.Tests.Support;

/// <summary>A component that fails while rendering, to test error boundaries.</summary>
public sealed class Thrower : ComponentBase
{
    protected override void OnInitialized() => throw new InvalidOperationException("This component is broken on purpose.");
}
