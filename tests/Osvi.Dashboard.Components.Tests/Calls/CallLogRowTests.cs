using Osvi.Dashboard.Components.Calls;
using Osvi.Dashboard.Testing.Fakes;

namespace Osvi.Dashboard.Components.Tests.Calls;

/// <summary>The call log's rows are shared markup: every circuit that shows the same page of the shared feed must reuse
/// one string per call, time zone and shown number (the call log's memory per circuit depends on it), and a viewer in
/// another zone or with masked numbers must never get someone else's row.</summary>
public sealed class CallLogRowTests
{
    private static readonly FakeViewerTimeZone s_kolkata = new("Asia/Kolkata");

    [Fact]
    public void For_SameCallZoneAndNumberFromTwoCircuits_IsOneSharedString()
    {
        var call = FakeCallsService.Call(2);

        var first = CallLogRow.For(call, s_kolkata, "+91 98765 00002");
        var second = CallLogRow.For(call, new FakeViewerTimeZone("Asia/Kolkata"), "+91 98765 00002");

        Assert.Same(first.Value, second.Value);
        Assert.StartsWith("<tr class=\"mud-table-row osvi-call-row\">", first.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void For_AnotherZoneOrAMaskedNumber_IsItsOwnRow()
    {
        var call = FakeCallsService.Call(2);   // 10:58 in Kolkata

        var full = CallLogRow.For(call, s_kolkata, "+91 98765 00002");
        var masked = CallLogRow.For(call, s_kolkata, "•••• 0002");
        var utc = CallLogRow.For(call, new FakeViewerTimeZone("UTC"), "+91 98765 00002");

        Assert.Contains(">&#x2B;91 98765 00002<", full.Value, StringComparison.Ordinal);   // "+" is encoded, as every OSVI text
        Assert.DoesNotContain("98765", masked.Value, StringComparison.Ordinal);
        Assert.Contains("•••• 0002", masked.Value, StringComparison.Ordinal);
        Assert.Contains(">12 Jun, 10:58:00<", full.Value, StringComparison.Ordinal);
        Assert.Contains(">12 Jun, 05:28:00<", utc.Value, StringComparison.Ordinal);
    }
}
