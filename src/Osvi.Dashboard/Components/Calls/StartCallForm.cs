using System.Globalization;
using System.Text.Json;
using Osvi.Client.Contracts;
using Osvi.Dashboard.Services.Calls;
using Osvi.Dashboard.Services.Phones;

namespace Osvi.Dashboard.Components.Calls;

/// <summary>What the start-call dialog opens with (from a link, the call log or a call's detail).</summary>
/// <param name="AgentUuid">The agent.</param>
/// <param name="PhoneNumber">The number, in any form.</param>
/// <param name="PersonName">The person's name.</param>
public sealed record StartCallPrefill(string? AgentUuid, string? PhoneNumber, string? PersonName)
{
    /// <summary>Nothing prefilled.</summary>
    public static StartCallPrefill Empty { get; } = new(null, null, null);
}

/// <summary>One key/value row of <c>additional_data</c>.</summary>
public sealed class KeyValueRow
{
    /// <summary>The key (a <c>{{variable}}</c> of the agent's prompt).</summary>
    public string Key { get; set; } = "";

    /// <summary>The value (sent as a JSON string).</summary>
    public string Value { get; set; } = "";
}

/// <summary>One field of <c>data_extraction</c>.</summary>
public sealed class ExtractionRow
{
    /// <summary>The key in the call's extracted data.</summary>
    public string Key { get; set; } = "";

    /// <summary>What to ask or listen for.</summary>
    public string Description { get; set; } = "";

    /// <summary>Whether the agent must get it.</summary>
    public bool Required { get; set; }

    /// <summary>Free text such as "yes or no", "date and time".</summary>
    public string OutputFormat { get; set; } = "";
}

/// <summary>The start-call form: every field of <c>POST /v1/call</c>, validated the way OSVI does (so most mistakes
/// never cost a request) and turned into a <see cref="StartCallCommand"/>. Field keys are OSVI's own names, so OSVI's
/// field errors (<c>details[].field</c>) land on the same fields.</summary>
public sealed class StartCallForm
{
    /// <summary>The longest <c>initial_greeting</c> OSVI accepts.</summary>
    public const int MaxGreetingLength = 2_000;

    /// <summary>Form field keys (OSVI's names).</summary>
    public static class Fields
    {
        public const string Agent = "agent_uuid";
        public const string Phone = "phone_number";
        public const string Country = "country_code";
        public const string PersonName = "person_name";
        public const string SystemPrompt = "system_prompt";
        public const string Greeting = "initial_greeting";
        public const string AdditionalData = "additional_data";
        public const string Webhook = "webhook_url";
        public const string Overrides = "call_config_overrides";
        public const string MaxDuration = "call_config_overrides.max_call_duration_seconds";
        public const string RetryAttempts = "call_config_overrides.retry_config.max_attempts";
        public const string RetryInterval = "call_config_overrides.retry_config.interval_minutes";
        public const string DataExtraction = "data_extraction";
    }

    /// <summary>The agent's id.</summary>
    public string? AgentUuid { get; set; }

    /// <summary>The region a number without a country code is read in (ISO 3166-1 alpha-2).</summary>
    public string Country { get; set; } = "IN";

    /// <summary>The number as typed.</summary>
    public string? Phone { get; set; }

    /// <summary>The person's name.</summary>
    public string? PersonName { get; set; }

    /// <summary>A prompt for this call only.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>The opening line.</summary>
    public string? InitialGreeting { get; set; }

    /// <summary><c>additional_data</c> rows.</summary>
    public List<KeyValueRow> AdditionalData { get; } = [];

    /// <summary>Where OSVI POSTs the outcome.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary><c>max_call_duration_seconds</c>.</summary>
    public int? MaxCallDurationSeconds { get; set; }

    /// <summary><c>enable_callback</c>: null keeps the agent's default.</summary>
    public bool? EnableCallback { get; set; }

    /// <summary><c>retry_config.enabled</c>: null keeps the agent's default.</summary>
    public bool? RetryEnabled { get; set; }

    /// <summary><c>retry_config.max_attempts</c>.</summary>
    public int? RetryMaxAttempts { get; set; }

    /// <summary><c>retry_config.interval_minutes</c>.</summary>
    public int? RetryIntervalMinutes { get; set; }

    /// <summary><c>data_extraction</c> rows.</summary>
    public List<ExtractionRow> DataExtraction { get; } = [];

    /// <summary>The number as read with the chosen country (its E.164 form when valid).</summary>
    public PhoneParseResult ParsedPhone => PhoneNumberRules.Parse(Phone, string.IsNullOrWhiteSpace(Country) ? "IN" : Country);

    /// <summary>Fills the form from a prefill; a number in E.164 also sets the country.</summary>
    public void Apply(StartCallPrefill prefill, string defaultRegion)
    {
        ArgumentNullException.ThrowIfNull(prefill);
        Country = defaultRegion;
        AgentUuid = string.IsNullOrWhiteSpace(prefill.AgentUuid) ? AgentUuid : prefill.AgentUuid.Trim();
        PersonName = string.IsNullOrWhiteSpace(prefill.PersonName) ? PersonName : prefill.PersonName.Trim();
        if (!string.IsNullOrWhiteSpace(prefill.PhoneNumber))
        {
            var parsed = PhoneNumberRules.Parse(prefill.PhoneNumber, defaultRegion);
            Country = parsed.RegionCode ?? defaultRegion;
            Phone = parsed.IsValid && parsed.RegionCode is not null ? parsed.NationalNumber : prefill.PhoneNumber.Trim();
        }
    }

    /// <summary>Checks every field the way OSVI would; the messages by field key (empty when the form can be sent).</summary>
    /// <param name="activeAgents">The active agents' ids, when known (an inactive agent cannot take calls).</param>
    public Dictionary<string, string> Validate(IReadOnlyCollection<string>? activeAgents)
    {
        Dictionary<string, string> errors = new(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(AgentUuid))
        {
            errors[Fields.Agent] = "Choose the agent that makes the call.";
        }
        else if (activeAgents is not null && !activeAgents.Contains(AgentUuid))
        {
            errors[Fields.Agent] = "This agent is not active, so it cannot take calls. Choose an active agent.";
        }

        if (!PhoneNumberRules.IsSupportedRegion(Country))
        {
            errors[Fields.Country] = "Choose the number's country.";
        }

        var phone = ParsedPhone;
        if (!phone.IsValid)
        {
            errors[Fields.Phone] = phone.Error ?? "Not a valid phone number.";
        }

        if (InitialGreeting is { Length: > MaxGreetingLength })
        {
            errors[Fields.Greeting] = $"At most {MaxGreetingLength.ToString("N0", CultureInfo.InvariantCulture)} characters (now {InitialGreeting.Length.ToString("N0", CultureInfo.InvariantCulture)}).";
        }

        var keys = AdditionalData.Where(row => !IsBlank(row)).Select(row => row.Key.Trim()).ToList();
        if (keys.Any(key => key.Length == 0))
        {
            errors[Fields.AdditionalData] = "Every value needs a key.";
        }
        else if (keys.GroupBy(key => key, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            errors[Fields.AdditionalData] = $"The key “{duplicate.Key}” is used twice.";
        }

        if (!string.IsNullOrWhiteSpace(WebhookUrl) &&
            !(Uri.TryCreate(WebhookUrl.Trim(), UriKind.Absolute, out var hook) && (hook.Scheme == Uri.UriSchemeHttp || hook.Scheme == Uri.UriSchemeHttps) && hook.Host.Length > 0))
        {
            errors[Fields.Webhook] = "An http:// or https:// address with a host, e.g. https://example.com/osvi-webhook.";
        }

        if (MaxCallDurationSeconds is <= 0)
        {
            errors[Fields.MaxDuration] = "A number of seconds above 0.";
        }

        if (RetryMaxAttempts is < 0)
        {
            errors[Fields.RetryAttempts] = "0 or more.";
        }

        if (RetryIntervalMinutes is <= 0)
        {
            errors[Fields.RetryInterval] = "At least 1 minute.";
        }

        var extraction = DataExtraction.Where(row => !IsBlank(row)).ToList();
        if (extraction.Any(row => string.IsNullOrWhiteSpace(row.Key)))
        {
            errors[Fields.DataExtraction] = "Every field to extract needs a key.";
        }
        else if (extraction.GroupBy(row => row.Key.Trim(), StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            errors[Fields.DataExtraction] = $"The key “{twice.Key}” is used twice.";
        }

        return errors;
    }

    /// <summary>The command for a form that passed <see cref="Validate"/>.</summary>
    public StartCallCommand ToCommand()
    {
        var phone = ParsedPhone;
        if (!phone.IsValid || string.IsNullOrWhiteSpace(AgentUuid))
        {
            throw new InvalidOperationException("The form is not valid: validate it first.");
        }

        var data = AdditionalData.Where(row => !IsBlank(row)).ToList();
        var extraction = DataExtraction.Where(row => !IsBlank(row)).ToList();
        CallConfigOverrides? overrides = MaxCallDurationSeconds is null && EnableCallback is null && RetryEnabled is null
            ? null
            : new CallConfigOverrides
            {
                MaxCallDurationSeconds = MaxCallDurationSeconds,
                EnableCallback = EnableCallback,
                RetryConfig = RetryEnabled is null ? null : new RetryConfig
                {
                    Enabled = RetryEnabled,
                    MaxAttempts = RetryEnabled == true ? RetryMaxAttempts : null,
                    IntervalMinutes = RetryEnabled == true ? RetryIntervalMinutes : null,
                },
            };
        return new StartCallCommand
        {
            AgentUuid = AgentUuid.Trim(),
            PhoneE164 = phone.E164!,
            NationalNumber = phone.NationalNumber!,
            CountryCode = phone.RegionCode!,
            PersonName = Trimmed(PersonName),
            SystemPrompt = Trimmed(SystemPrompt),
            InitialGreeting = Trimmed(InitialGreeting),
            WebhookUrl = Trimmed(WebhookUrl),
            // Always an object: OSVI rejects arrays and scalars here.
            AdditionalData = data.Count == 0 ? null : data.ToDictionary(row => row.Key.Trim(), row => JsonSerializer.SerializeToElement(row.Value), StringComparer.Ordinal),
            CallConfigOverrides = overrides,
            DataExtraction = extraction.Count == 0 ? null
                : [.. extraction.Select(row => new DataExtractionField
                {
                    Key = row.Key.Trim(),
                    Description = Trimmed(row.Description),
                    Required = row.Required,
                    OutputFormat = Trimmed(row.OutputFormat),
                })],
        };
    }

    /// <summary>Maps an OSVI field path (<c>data_extraction[0].key</c>, <c>call_config_overrides.retry_config</c>…) to the
    /// form field that shows its message.</summary>
    public static string FieldFor(string osviField)
    {
        var field = osviField ?? "";
        return field switch
        {
            _ when field.StartsWith(Fields.AdditionalData, StringComparison.Ordinal) => Fields.AdditionalData,
            _ when field.StartsWith(Fields.DataExtraction, StringComparison.Ordinal) => Fields.DataExtraction,
            _ when field.StartsWith("call_config_overrides.retry_config.interval", StringComparison.Ordinal) => Fields.RetryInterval,
            _ when field.StartsWith("call_config_overrides.retry_config", StringComparison.Ordinal) => Fields.RetryAttempts,
            _ when field.StartsWith(Fields.MaxDuration, StringComparison.Ordinal) => Fields.MaxDuration,
            _ when field.StartsWith(Fields.Overrides, StringComparison.Ordinal) => Fields.MaxDuration,
            _ => field,
        };
    }

    private static bool IsBlank(KeyValueRow row) => string.IsNullOrWhiteSpace(row.Key) && string.IsNullOrWhiteSpace(row.Value);

    private static bool IsBlank(ExtractionRow row) =>
        string.IsNullOrWhiteSpace(row.Key) && string.IsNullOrWhiteSpace(row.Description) && string.IsNullOrWhiteSpace(row.OutputFormat);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
