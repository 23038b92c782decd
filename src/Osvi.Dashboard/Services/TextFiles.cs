using System.Text;

namespace Osvi.Dashboard.Services;

/// <summary>Checks that an uploaded file is UTF-8 text before it is read as CSV, so a spreadsheet saved in the wrong
/// format gets a message saying how to save it instead of lines of garbled numbers.</summary>
public static class TextFiles
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why the bytes are not a UTF-8 text file, or null when they are (a UTF-8 byte order mark is fine).</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "The file is UTF-16 text. Save it as “CSV UTF-8 (comma delimited)” and upload it again.";
        }

        if (bytes.Contains((byte)0))
        {
            return "The file is not a text or CSV file (it holds binary data). Export the list as “CSV UTF-8” and upload that.";
        }

        try
        {
            _ = s_strictUtf8.GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return "The file is not UTF-8 text (it looks like an older encoding such as Windows-1252). Save it as “CSV UTF-8 (comma delimited)” and upload it again.";
        }
    }
}
