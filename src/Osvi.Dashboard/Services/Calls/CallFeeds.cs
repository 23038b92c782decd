using Osvi.Dashboard.Live;

namespace Osvi.Dashboard.Services.Calls;

/// <summary>The live feed of one call, watched while it is in progress (detail page): every page showing that call
/// shares one poll.</summary>
/// <param name="CallId">The call.</param>
public sealed record CallDetailKey(string CallId) : LiveKey<CallDetailView>;

internal sealed class CallDetailFetcher(ICallsService calls) : ILiveFetcher<CallDetailKey, CallDetailView>
{
    public const string FeedName = "CallDetail";

    public Task<ServiceResult<CallDetailView>> FetchAsync(CallDetailKey key, CancellationToken ct) => calls.GetCallAsync(key.CallId, ct);
}

/// <summary>The live feed of one page of the call log (auto-refresh): browsers showing the same filter and page share
/// one poll.</summary>
/// <param name="View">The filter and page.</param>
public sealed record CallLogPageKey(CallLogView View) : LiveKey<CallPage>;

internal sealed class CallLogPageFetcher(ICallsService calls) : ILiveFetcher<CallLogPageKey, CallPage>
{
    public const string FeedName = "CallLog";

    public Task<ServiceResult<CallPage>> FetchAsync(CallLogPageKey key, CancellationToken ct) =>
        calls.ListCallsAsync(key.View.Filter, key.View.Page, key.View.PerPage, ct);
}
