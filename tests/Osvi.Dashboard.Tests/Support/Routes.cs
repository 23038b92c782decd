using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Tests.Support;

/// <summary>One route of the real host, as a request a test can send.</summary>
/// <param name="Method">GET, POST…</param>
/// <param name="Path">A concrete path (parameters filled with sample values).</param>
/// <param name="Pattern">The route pattern, for messages.</param>
/// <param name="IsPage">A Razor component page.</param>
/// <param name="IsStaticAsset">A file served by MapStaticAssets.</param>
/// <param name="AllowsAnonymous">Carries <c>[AllowAnonymous]</c>.</param>
public sealed record RouteCase(string Method, string Path, string Pattern, bool IsPage, bool IsStaticAsset, bool AllowsAnonymous)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>Every route the real host maps (component pages, endpoints, the Blazor hub, static files), read from its
/// endpoint data sources, so a test over all of them also covers routes added after it was written.</summary>
internal static class Routes
{
    public static IReadOnlyList<RouteCase> Of(DashboardFactory factory)
    {
        var endpoints = factory.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>();
        var cases = new List<RouteCase>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var isStatic = endpoint.Metadata.Any(metadata => metadata.GetType().Name == "StaticAssetDescriptor");
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            foreach (var method in methods.Where(method => method is not "OPTIONS" and not "HEAD"))
            {
                cases.Add(new RouteCase(method, Concrete(endpoint.RoutePattern), pattern, isPage, isStatic, anonymous));
            }
        }

        return cases;
    }

    /// <summary>Every page route declared by a component of the dashboard's assembly.</summary>
    public static IReadOnlyList<string> ComponentRoutes() =>
        [.. typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(route => "/" + route.Template.TrimStart('/'))];

    private static string Concrete(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(policy => policy.Content is "int" or "long") => "1",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(policy => policy.Content is "file") => "sample.js",
            RoutePatternParameterPart => "sample",
            _ => "",
        }))));
}
