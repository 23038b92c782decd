using Osvi.Dashboard.Components.Calls;

namespace Osvi.Dashboard.Tests.Services.Calls;

public sealed class StartCallFormTests
{
    private static readonly string[] s_active = ["agent_a"];

    [Fact]
    public void Validate_EmptyForm_AsksForAgentAndNumber()
    {
        var errors = new StartCallForm().Validate(s_active);

        Assert.Equal("Choose the agent that makes the call.", errors[StartCallForm.Fields.Agent]);
        Assert.Equal("No phone number given.", errors[StartCallForm.Fields.Phone]);
    }

    [Fact]
    public void Validate_EveryOptionalFieldWrong_NamesEachOnItsField()
    {
        var form = new StartCallForm
        {
            AgentUuid = "agent_inactive",
            Phone = "12345",
            InitialGreeting = new string('x', 2001),
            WebhookUrl = "ftp://example.com/hook",
            MaxCallDurationSeconds = 0,
            RetryEnabled = true,
            RetryIntervalMinutes = 0,
        };
        form.AdditionalData.Add(new KeyValueRow { Key = "date", Value = "1" });
        form.AdditionalData.Add(new KeyValueRow { Key = "date", Value = "2" });
        form.DataExtraction.Add(new ExtractionRow { Description = "no key" });

        var errors = form.Validate(s_active);

        Assert.Contains("not active", errors[StartCallForm.Fields.Agent], StringComparison.Ordinal);
        Assert.Contains("Too short", errors[StartCallForm.Fields.Phone], StringComparison.Ordinal);
        Assert.Equal("At most 2,000 characters (now 2,001).", errors[StartCallForm.Fields.Greeting]);
        Assert.Contains("http:// or https://", errors[StartCallForm.Fields.Webhook], StringComparison.Ordinal);
        Assert.Contains("used twice", errors[StartCallForm.Fields.AdditionalData], StringComparison.Ordinal);
        Assert.True(errors.ContainsKey(StartCallForm.Fields.MaxDuration));
        Assert.True(errors.ContainsKey(StartCallForm.Fields.RetryInterval));
        Assert.True(errors.ContainsKey(StartCallForm.Fields.DataExtraction));
    }

    [Fact]
    public void ToCommand_ValidForm_SendsNationalNumberCountryAndAnObjectOfAdditionalData()
    {
        var form = new StartCallForm { AgentUuid = "agent_a", Country = "IN", Phone = "+44 20 7946 0958", PersonName = "  John  ", RetryEnabled = true, RetryMaxAttempts = 1 };
        form.AdditionalData.Add(new KeyValueRow { Key = " appointment_date ", Value = "2025-01-15" });
        form.AdditionalData.Add(new KeyValueRow());
        form.DataExtraction.Add(new ExtractionRow { Key = "confirmed", Description = "Ask if they can confirm.", Required = true, OutputFormat = "yes or no" });

        Assert.Empty(form.Validate(s_active));
        var command = form.ToCommand();
        var request = command.ToRequest();

        Assert.Equal(("+442079460958", "2079460958", "GB", "John"), (command.PhoneE164, request.PhoneNumber, request.CountryCode, request.PersonName));
        Assert.Equal("2025-01-15", Assert.Single(request.AdditionalData!, pair => pair.Key == "appointment_date").Value.GetString());
        Assert.Equal((true, 1, null), (request.CallConfigOverrides!.RetryConfig!.Enabled, request.CallConfigOverrides.RetryConfig.MaxAttempts, request.CallConfigOverrides.RetryConfig.IntervalMinutes));
        Assert.Null(request.CallConfigOverrides.MaxCallDurationSeconds);
        Assert.Equal("yes or no", Assert.Single(request.DataExtraction!).OutputFormat);
        Assert.Null(request.WebhookUrl);
    }

    [Fact]
    public void Apply_PrefillInE164_SetsCountryAndNationalDigits()
    {
        var form = new StartCallForm();

        form.Apply(new StartCallPrefill("agent_a", "+919876500001", "Ravi"), "IN");

        Assert.Equal(("agent_a", "IN", "9876500001", "Ravi"), (form.AgentUuid, form.Country, form.Phone, form.PersonName));
        Assert.Equal("+919876500001", form.ParsedPhone.E164);
    }

    [Theory]
    [InlineData("phone_number", "phone_number")]
    [InlineData("country_code", "country_code")]
    [InlineData("data_extraction[0].key", "data_extraction")]
    [InlineData("additional_data", "additional_data")]
    [InlineData("call_config_overrides.retry_config.interval_minutes", "call_config_overrides.retry_config.interval_minutes")]
    [InlineData("call_config_overrides.retry_config.max_attempts", "call_config_overrides.retry_config.max_attempts")]
    [InlineData("call_config_overrides.max_call_duration_seconds", "call_config_overrides.max_call_duration_seconds")]
    public void FieldFor_OsviFieldPath_LandsOnTheFormField(string osviField, string expected) => Assert.Equal(expected, StartCallForm.FieldFor(osviField));
}
