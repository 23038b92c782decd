using Osvi.Dashboard.Options;

namespace Osvi.Dashboard.Hosting;

internal static class ConfigurationSetup
{
    /// <summary>Adds the secrets folder (<c>Dashboard:SecretsPath</c>, default <c>/run/secrets</c>) with key-per-file
    /// configuration when it exists: a file named <c>OsviApi__ApiToken</c> sets <c>OsviApi:ApiToken</c>. Added last,
    /// so a mounted secret wins over environment variables and appsettings. (User-secrets are read in Development by
    /// the default builder.)</summary>
    public static WebApplicationBuilder AddDashboardConfiguration(this WebApplicationBuilder builder)
    {
        var secrets = builder.Configuration[DashboardConfigNames.SecretsPath] ?? new DashboardOptions().SecretsPath;
        if (!string.IsNullOrWhiteSpace(secrets) && Directory.Exists(secrets))
        {
            builder.Configuration.AddKeyPerFile(Path.GetFullPath(secrets), optional: true, reloadOnChange: false);
        }

        return builder;
    }
}
