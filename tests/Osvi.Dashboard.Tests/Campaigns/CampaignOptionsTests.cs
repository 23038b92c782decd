using Osvi.Dashboard.Services.Campaigns;

namespace Osvi.Dashboard.Tests.Campaigns;

public sealed class CampaignOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new CampaignOptionsValidator().Validate(null, new CampaignOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameEachKey()
    {
        var options = new CampaignOptions { BatchSize = 20_000, FailureAlertShare = 1.5, FailureWarningShare = 0, MinPaceSpan = TimeSpan.FromHours(1), MaxUploadBytes = 10 };

        var failures = new CampaignOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, failure => failure.StartsWith(CampaignConfigNames.BatchSize, StringComparison.Ordinal) && failure.Contains("10000", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith(CampaignConfigNames.FailureAlertShare, StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith(CampaignConfigNames.FailureWarningShare, StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith(CampaignConfigNames.MinPaceSpan, StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith(CampaignConfigNames.MaxUploadBytes, StringComparison.Ordinal));
    }
}
