using MudBlazor;

namespace Osvi.Dashboard.Theme;

/// <summary>The dashboard's one MudBlazor theme (light and dark palettes). Colours were chosen for WCAG AA contrast of
/// text on their backgrounds in both modes.</summary>
public static class OsviTheme
{
    private static readonly string[] s_fontFamily = ["Inter", "\"Segoe UI\"", "Roboto", "\"Helvetica Neue\"", "Arial", "sans-serif"];

    /// <summary>The theme.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4338CA",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#0F766E",
            Tertiary = "#7C3AED",
            Info = "#0369A1",
            Success = "#15803D",
            Warning = "#B45309",
            Error = "#B91C1C",
            Dark = "#1F2937",
            Background = "#F5F6FA",
            BackgroundGray = "#ECEEF4",
            Surface = "#FFFFFF",
            AppbarBackground = "#1E1B4B",
            AppbarText = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#1F2937",
            DrawerIcon = "#4B5563",
            TextPrimary = "#111827",
            TextSecondary = "#4B5563",
            ActionDefault = "#4B5563",
            LinesDefault = "#E5E7EB",
            Divider = "#E5E7EB",
            TableLines = "#E5E7EB",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#A5B4FC",
            PrimaryContrastText = "#1E1B4B",
            Secondary = "#5EEAD4",
            SecondaryContrastText = "#042F2E",
            Tertiary = "#C4B5FD",
            Info = "#7DD3FC",
            InfoContrastText = "#082F49",
            Success = "#86EFAC",
            SuccessContrastText = "#052E16",
            Warning = "#FCD34D",
            WarningContrastText = "#451A03",
            Error = "#FCA5A5",
            ErrorContrastText = "#450A0A",
            Dark = "#0B0D12",
            Background = "#0E1016",
            BackgroundGray = "#141720",
            Surface = "#171A23",
            AppbarBackground = "#12141C",
            AppbarText = "#F3F4F6",
            DrawerBackground = "#12141C",
            DrawerText = "#E5E7EB",
            DrawerIcon = "#A1A1AA",
            TextPrimary = "#E5E7EB",
            TextSecondary = "#A8AFBD",
            ActionDefault = "#C7CBD4",
            LinesDefault = "#2A2F3B",
            Divider = "#2A2F3B",
            TableLines = "#2A2F3B",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = s_fontFamily },
            H4 = new H4Typography { FontFamily = s_fontFamily, FontSize = "1.75rem", FontWeight = "650", LineHeight = "1.25", LetterSpacing = "-0.01em" },
            H5 = new H5Typography { FontFamily = s_fontFamily, FontSize = "1.35rem", FontWeight = "600", LineHeight = "1.3" },
            H6 = new H6Typography { FontFamily = s_fontFamily, FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = s_fontFamily, TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "10px",
            DrawerWidthLeft = "232px",
        },
    };
}
