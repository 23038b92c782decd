using Bunit;
using Microsoft.AspNetCore.Components;
using Osvi.Client;
using Osvi.Dashboard.Components.Controls;
using Osvi.Dashboard.Security;
using Osvi.Dashboard.Services;
using Osvi.Dashboard.Testing;

namespace Osvi.Dashboard.Components.Tests.Controls;

public sealed class OsviErrorAlertTests : OsviTestContext
{
    [Theory]
    [InlineData(OsviErrorKind.Unreachable, null, "OSVI could not be reached", "clears by itself")]
    [InlineData(OsviErrorKind.Unauthorized, 401, "OSVI rejected the API token", "OsviApi__ApiToken")]
    [InlineData(OsviErrorKind.Forbidden, 403, "OSVI refused access", "another OSVI account")]
    [InlineData(OsviErrorKind.NotFound, 404, "Not found at OSVI", "Check the id")]
    [InlineData(OsviErrorKind.Validation, 400, "OSVI rejected the input", "nothing was changed")]
    [InlineData(OsviErrorKind.RateLimited, 429, "OSVI is limiting requests", "Wait 30 s")]
    [InlineData(OsviErrorKind.ServerError, 500, "OSVI had an internal error", "Try again in a moment")]
    public void Render_EachKind_SaysWhatHappenedAndWhatToDo(OsviErrorKind kind, int? status, string title, string advice)
    {
        var error = new OsviError(kind, status, "message", [], kind == OsviErrorKind.RateLimited ? TimeSpan.FromSeconds(30) : null);

        var cut = Render<OsviErrorAlert>(p => p.Add(a => a.Error, error).Add(a => a.Operation, "Could not load calls"));

        Assert.Equal($"Could not load calls: {title}", cut.Find(".osvi-error-title").TextContent);
        Assert.Contains(advice, cut.Find(".osvi-error-advice").TextContent, StringComparison.Ordinal);
        Assert.Equal(kind.ToString(), cut.Find(".osvi-error").GetAttribute("data-error-kind"));
    }

    [Fact]
    public void Render_OsvisOwnMessage_IsQuotedAsOsvis()
    {
        var cut = Render<OsviErrorAlert>(p => p.Add(a => a.Error, new OsviError(OsviErrorKind.NotFound, 404, "Phone not found in DND list", [])));

        Assert.Equal("OSVI answered HTTP 404: “Phone not found in DND list”", cut.Find(".osvi-error-message").TextContent);
    }

    [Fact]
    public void Render_DefaultMessageOrNoAnswer_IsNotAttributedToOsvi()
    {
        var cut = Render<OsviErrorAlert>(p => p.Add(a => a.Error, new OsviError(OsviErrorKind.Unreachable, null, "OSVI could not be reached: Connection refused", [])));

        Assert.Equal("OSVI could not be reached: Connection refused", cut.Find(".osvi-error-message").TextContent);
        Assert.DoesNotContain("OSVI answered", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ValidationFieldErrors_ListsEachField()
    {
        var error = new OsviError(OsviErrorKind.Validation, 400, "Invalid request",
            [new OsviFieldError("phone_number", "is not a valid IN number"), new OsviFieldError("initial_greeting", "is too long")]);

        var cut = Render<OsviErrorAlert>(p => p.Add(a => a.Error, error));

        Assert.Equal(["phone_number: is not a valid IN number", "initial_greeting: is too long"], cut.FindAll(".osvi-error-fields li").Select(li => li.TextContent));
        Assert.Equal("is not a valid IN number", error.ErrorFor("phone_number"));
        Assert.Null(error.ErrorFor("phone"));
    }

    [Fact]
    public void Render_Refusal_ShowsNotAllowedWithTheReason()
    {
        var cut = Render<OsviErrorAlert>(p => p.Add(a => a.Refusal, new ServiceRefusal(DashboardPermission.StartCalls, "Your role does not allow this (starting calls).")));

        Assert.Equal("Not allowed", cut.Find(".osvi-error-title").TextContent);
        Assert.Equal("Refused", cut.Find(".osvi-error").GetAttribute("data-error-kind"));
        Assert.Contains("starting calls", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithRetry_OffersTryAgainAndCallsIt()
    {
        var retried = 0;

        var cut = Render<OsviErrorAlert>(p => p
            .Add(a => a.Error, new OsviError(OsviErrorKind.ServerError, 500, "boom", []))
            .Add(a => a.OnRetry, EventCallback.Factory.Create(this, () => retried++)));
        cut.Find(".osvi-error-retry").Click();

        Assert.Equal(1, retried);
    }

    [Fact]
    public void Render_WithoutRetry_OffersNoButton() =>
        Assert.Empty(Render<OsviErrorAlert>(p => p.Add(a => a.Error, new OsviError(OsviErrorKind.ServerError, 500, "boom", []))).FindAll("button"));

    [Fact]
    public void Render_Nothing_RendersNothing() => Assert.Equal("", Render<OsviErrorAlert>().Markup.Trim());

    [Fact]
    public void ErrorFor_RowPaths_MatchTheirField()
    {
        var error = new OsviError(OsviErrorKind.Validation, 400, "bad rows", [new OsviFieldError("contacts[3].phone", "invalid"), new OsviFieldError("contacts[7].phone", "invalid too")]);

        Assert.Equal("invalid invalid too", error.ErrorFor("contacts"));
        Assert.Null(((OsviError?)null).ErrorFor("contacts"));
    }
}
