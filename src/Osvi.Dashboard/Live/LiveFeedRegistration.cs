using Microsoft.Extensions.DependencyInjection.Extensions;
using Osvi.Dashboard.Services;

namespace Osvi.Dashboard.Live;

/// <summary>A registered feed: its name (for intervals and logs) and how to run its fetcher.</summary>
internal sealed record LiveFeedRegistration(Type KeyType, string Name, Delegate Fetch);

/// <summary>Registers live feeds.</summary>
public static class LiveFeedServiceCollectionExtensions
{
    /// <summary>Registers a feed: <typeparamref name="TFetcher"/> fetches values for keys of type
    /// <typeparamref name="TKey"/>; the poll interval is <c>Dashboard:Live:Intervals:{name}</c> or the default.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The feed's name in configuration and logs, e.g. <c>CampaignStatus</c>.</param>
    public static IServiceCollection AddLiveFeed<TKey, TValue, TFetcher>(this IServiceCollection services, string name)
        where TKey : LiveKey<TValue>
        where TFetcher : class, ILiveFetcher<TKey, TValue>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.TryAddScoped<ILiveFetcher<TKey, TValue>, TFetcher>();
        Func<IServiceProvider, LiveKey<TValue>, CancellationToken, Task<ServiceResult<TValue>>> fetch =
            (provider, key, ct) => provider.GetRequiredService<ILiveFetcher<TKey, TValue>>().FetchAsync((TKey)key, ct);
        services.AddSingleton(new LiveFeedRegistration(typeof(TKey), name, fetch));
        return services;
    }
}
