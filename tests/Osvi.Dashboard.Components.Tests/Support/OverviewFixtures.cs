using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Overview;

namespace Osvi.Dashboard.Components.Tests.Support;

internal static class OverviewFixtures
{
    public static CallCounts Counts(int picked = 88, int notPicked = 25, int failed = 7, int busy = 4, int voicemail = 6, int inProgress = 3) =>
        new(new DateOnly(2026, 6, 12), "Asia/Kolkata", new Dictionary<CallStatus, int>
        {
            [CallStatus.Picked] = picked,
            [CallStatus.NotPicked] = notPicked,
            [CallStatus.Failed] = failed,
            [CallStatus.Busy] = busy,
            [CallStatus.Voicemail] = voicemail,
            [CallStatus.InProgress] = inProgress,
        });
}
