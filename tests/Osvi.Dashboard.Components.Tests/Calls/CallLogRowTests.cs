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
    public void Cells_SameCallZoneAndNumberFromTwoCircuits_AreOneSharedString()
    {
        var call = FakeCallsService.Call(2);

        var first = CallLogRow.Cells(call, s_kolkata, "+91 98765 00002");
        var second = CallLogRow.Cells(call, new FakeViewerTimeZone("Asia/Kolkata"), "+91 98765 00002");

        Assert.Same(first.Value, second.Value);
        Assert.StartsWith("<td class=\"mud-table-cell\">", first.Value, StringComparison.Ordinal);
        Assert.Equal(9, first.Value.Split("<td ").Length - 1);
    }

    [Fact]
    public void Cells_AnotherZoneOrAMaskedNumber_AreTheirOwn()
    {
        var call = FakeCallsService.Call(2);   // 10:58 in Kolkata

        var full = CallLogRow.Cells(call, s_kolkata, "+91 98765 00002");
        var masked = CallLogRow.Cells(call, s_kolkata, "•••• 0002");
        var utc = CallLogRow.Cells(call, new FakeViewerTimeZone("UTC"), "+91 98765 00002");

        Assert.Contains(">&#x2B;91 98765 00002<", full.Value, StringComparison.Ordinal);   // "+" is encoded, as every OSVI text
        Assert.DoesNotContain("98765", masked.Value, StringComparison.Ordinal);
        Assert.Contains("•••• 0002", masked.Value, StringComparison.Ordinal);
        Assert.Contains(">12 Jun, 10:58:00<", full.Value, StringComparison.Ordinal);
        Assert.Contains(">12 Jun, 05:28:00<", utc.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void HasUniqueIds_ACallTwiceOnOnePage_IsFalse()
    {
        var calls = Enumerable.Range(1, 5).Select(n => FakeCallsService.Call(n)).ToList();

        Assert.True(CallLogRow.HasUniqueIds(calls));
        Assert.False(CallLogRow.HasUniqueIds([.. calls, calls[2] with { Status = Osvi.Client.Contracts.CallStatus.Picked }]));
    }
}
