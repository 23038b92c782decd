using Microsoft.Extensions.Options;

namespace Osvi.Dashboard.Services.Campaigns;

/// <summary>The Campaigns area's configuration keys (section <c>Dashboard:Campaigns</c>), named once for validation
/// messages, the README and tests.</summary>
public static class CampaignConfigNames
{
    /// <summary><c>Dashboard:Campaigns</c>.</summary>
    public const string Section = "Dashboard:Campaigns";

    /// <summary><c>Dashboard:Campaigns:PaceWindow</c>: the recent span pace (calls per hour) is measured over.</summary>
    public const string PaceWindow = Section + ":PaceWindow";

    /// <summary><c>Dashboard:Campaigns:MinPaceSpan</c>: how much history pace needs before it is shown.</summary>
    public const string MinPaceSpan = Section + ":MinPaceSpan";

    /// <summary><c>Dashboard:Campaigns:AlertWindow</c>: the recent span the failure share is measured over.</summary>
    public const string AlertWindow = Section + ":AlertWindow";

    /// <summary><c>Dashboard:Campaigns:FailureAlertShare</c>: share of failed + not answered calls that raises the alert.</summary>
    public const string FailureAlertShare = Section + ":FailureAlertShare";

    /// <summary><c>Dashboard:Campaigns:FailureWarningShare</c>: share that colours a campaign amber.</summary>
    public const string FailureWarningShare = Section + ":FailureWarningShare";

    /// <summary><c>Dashboard:Campaigns:AlertMinCalls</c>: recent calls needed before the share is judged.</summary>
    public const string AlertMinCalls = Section + ":AlertMinCalls";

    /// <summary><c>Dashboard:Campaigns:MaxHistorySamples</c>: snapshots kept per campaign.</summary>
    public const string MaxHistorySamples = Section + ":MaxHistorySamples";

    /// <summary><c>Dashboard:Campaigns:MaxUploadBytes</c>: largest contact file accepted.</summary>
    public const string MaxUploadBytes = Section + ":MaxUploadBytes";

    /// <summary><c>Dashboard:Campaigns:MaxUploadRows</c>: most rows one upload may hold.</summary>
    public const string MaxUploadRows = Section + ":MaxUploadRows";

    /// <summary><c>Dashboard:Campaigns:BatchSize</c>: contacts per request (at most 10,000, OSVI's limit).</summary>
    public const string BatchSize = Section + ":BatchSize";

    /// <summary><c>Dashboard:Campaigns:StaleAfter</c>: how long without an answer from OSVI before the wallboard says stale.</summary>
    public const string StaleAfter = Section + ":StaleAfter";

    /// <summary><c>Dashboard:Campaigns:WallboardTilesPerPage</c>: campaign tiles on one wallboard page.</summary>
    public const string WallboardTilesPerPage = Section + ":WallboardTilesPerPage";

    /// <summary><c>Dashboard:Campaigns:WallboardRotation</c>: how long each wallboard page stays.</summary>
    public const string WallboardRotation = Section + ":WallboardRotation";
}

/// <summary>Settings of campaigns, contact uploads and the wallboard (<c>Dashboard:Campaigns</c>), validated at start.</summary>
public sealed class CampaignOptions
{
    /// <summary>OSVI accepts at most this many contacts in one request (contract §3.8, D11).</summary>
    public const int OsviMaxContactsPerRequest = 10_000;

    /// <summary>See <see cref="CampaignConfigNames.PaceWindow"/>.</summary>
    public TimeSpan PaceWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>See <see cref="CampaignConfigNames.MinPaceSpan"/>.</summary>
    public TimeSpan MinPaceSpan { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>See <see cref="CampaignConfigNames.AlertWindow"/>.</summary>
    public TimeSpan AlertWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>See <see cref="CampaignConfigNames.FailureAlertShare"/> (0–1).</summary>
    public double FailureAlertShare { get; set; } = 0.5;

    /// <summary>See <see cref="CampaignConfigNames.FailureWarningShare"/> (0–1, at most the alert share).</summary>
    public double FailureWarningShare { get; set; } = 0.35;

    /// <summary>See <see cref="CampaignConfigNames.AlertMinCalls"/>.</summary>
    public int AlertMinCalls { get; set; } = 20;

    /// <summary>See <see cref="CampaignConfigNames.MaxHistorySamples"/>.</summary>
    public int MaxHistorySamples { get; set; } = 720;

    /// <summary>See <see cref="CampaignConfigNames.MaxUploadBytes"/>.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>See <see cref="CampaignConfigNames.MaxUploadRows"/>.</summary>
    public int MaxUploadRows { get; set; } = 200_000;

    /// <summary>See <see cref="CampaignConfigNames.BatchSize"/>.</summary>
    public int BatchSize { get; set; } = OsviMaxContactsPerRequest;

    /// <summary>See <see cref="CampaignConfigNames.StaleAfter"/>.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>See <see cref="CampaignConfigNames.WallboardTilesPerPage"/>.</summary>
    public int WallboardTilesPerPage { get; set; } = 6;

    /// <summary>See <see cref="CampaignConfigNames.WallboardRotation"/>.</summary>
    public TimeSpan WallboardRotation { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How far back history is kept: the longer of the two windows.</summary>
    public TimeSpan HistoryWindow => PaceWindow > AlertWindow ? PaceWindow : AlertWindow;
}

/// <summary>Validates <see cref="CampaignOptions"/> with messages that name the key.</summary>
internal sealed class CampaignOptionsValidator : IValidateOptions<CampaignOptions>
{
    public ValidateOptionsResult Validate(string? name, CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.PaceWindow < TimeSpan.FromSeconds(10))
        {
            failures.Add($"{CampaignConfigNames.PaceWindow} must be at least 00:00:10.");
        }

        if (options.MinPaceSpan <= TimeSpan.Zero || options.MinPaceSpan > options.PaceWindow)
        {
            failures.Add($"{CampaignConfigNames.MinPaceSpan} must be positive and no longer than {CampaignConfigNames.PaceWindow}.");
        }

        if (options.AlertWindow < TimeSpan.FromSeconds(10))
        {
            failures.Add($"{CampaignConfigNames.AlertWindow} must be at least 00:00:10.");
        }

        if (options.FailureAlertShare is <= 0 or > 1)
        {
            failures.Add($"{CampaignConfigNames.FailureAlertShare} must be a share above 0 and at most 1, e.g. 0.5 (was {options.FailureAlertShare}).");
        }

        if (options.FailureWarningShare <= 0 || options.FailureWarningShare > options.FailureAlertShare)
        {
            failures.Add($"{CampaignConfigNames.FailureWarningShare} must be above 0 and at most {CampaignConfigNames.FailureAlertShare} (was {options.FailureWarningShare}).");
        }

        if (options.AlertMinCalls < 1)
        {
            failures.Add($"{CampaignConfigNames.AlertMinCalls} must be at least 1.");
        }

        if (options.MaxHistorySamples is < 2 or > 100_000)
        {
            failures.Add($"{CampaignConfigNames.MaxHistorySamples} must be between 2 and 100000.");
        }

        if (options.MaxUploadBytes < 1024)
        {
            failures.Add($"{CampaignConfigNames.MaxUploadBytes} must be at least 1024 bytes.");
        }

        if (options.MaxUploadRows < 1)
        {
            failures.Add($"{CampaignConfigNames.MaxUploadRows} must be at least 1.");
        }

        if (options.BatchSize is < 1 or > CampaignOptions.OsviMaxContactsPerRequest)
        {
            failures.Add($"{CampaignConfigNames.BatchSize} must be between 1 and {CampaignOptions.OsviMaxContactsPerRequest} (OSVI's limit per request).");
        }

        if (options.StaleAfter < TimeSpan.FromSeconds(5))
        {
            failures.Add($"{CampaignConfigNames.StaleAfter} must be at least 00:00:05.");
        }

        if (options.WallboardTilesPerPage is < 1 or > 24)
        {
            failures.Add($"{CampaignConfigNames.WallboardTilesPerPage} must be between 1 and 24.");
        }

        if (options.WallboardRotation < TimeSpan.FromSeconds(3))
        {
            failures.Add($"{CampaignConfigNames.WallboardRotation} must be at least 00:00:03.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
