using Osvi.Dashboard.Services.Campaigns.Uploads;

namespace Osvi.Dashboard.Components.Campaigns;

/// <summary>Contacts read for an upload and where they came from.</summary>
/// <param name="Table">The records.</param>
/// <param name="FileName">The file's name, or null for pasted text.</param>
/// <param name="Text">The decoded text (to fix it by hand in the paste box).</param>
public sealed record ContactSource(ContactTable Table, string? FileName, string Text)
{
    /// <summary>Where the contacts came from, for people.</summary>
    public string Origin => FileName is null ? "the pasted contacts" : $"“{FileName}”";
}
