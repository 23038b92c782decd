using Osvi.Simulator.Wire;

namespace Osvi.Simulator.Endpoints;

/// <summary>The contract's error responses (D1, D2, D3, D14), honouring the run-time validation style.</summary>
public sealed class ApiErrors(RuntimeSettings settings)
{
    /// <summary>The D1 message of a 404.</summary>
    public const string NotFoundMessage = "Not found";

    /// <summary>The D1 message of a 401.</summary>
    public const string UnauthorizedMessage = "Invalid or missing API token";

    /// <summary>The message of a 500 (never a stack trace).</summary>
    public const string ServerErrorMessage = "Internal server error";

    /// <summary>Rails' ParameterMissing message, with the parameter name appended.</summary>
    public const string ParamMissingPrefix = "param is missing or the value is empty: ";

    /// <summary>A validation failure: 400 D1 body, or 422 intro body when switched.</summary>
    public IResult Validation(string error, IReadOnlyList<FieldError>? details = null)
    {
        if (settings.ValidationStyle == ValidationStyle.Intro)
        {
            IReadOnlyList<string> errors = details is { Count: > 0 } ? [.. details.Select(d => d.Message)] : [error];
            return TypedResults.Json(new IntroErrorBody(false, errors), SimulatorJson.Context.IntroErrorBody, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        return Error(StatusCodes.Status400BadRequest, error, details);
    }

    /// <summary>Validation failure with the field errors; the message is the first one's.</summary>
    public IResult Validation(IReadOnlyList<FieldError> details) => Validation(details[0].Message, details);

    /// <summary>400/422 <c>param is missing or the value is empty: name</c>.</summary>
    public IResult ParamMissing(string name) => Validation(ParamMissingPrefix + name);

    /// <summary>A plain 400 that is not a field validation (e.g. chat state errors); never switched to 422.</summary>
    public static IResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    /// <summary>404 <c>Not found</c> (or another message).</summary>
    public static IResult NotFound(string error = NotFoundMessage) => Error(StatusCodes.Status404NotFound, error);

    /// <summary>403.</summary>
    public static IResult Forbidden(string error) => Error(StatusCodes.Status403Forbidden, error);

    /// <summary>A D1 body with any status.</summary>
    public static IResult Error(int statusCode, string error, IReadOnlyList<FieldError>? details = null) =>
        TypedResults.Json(new ErrorBody(false, error, details), SimulatorJson.Context.ErrorBody, statusCode: statusCode);

    /// <summary>D2: 422 <c>{"success":false,"errors":["…"]}</c> whatever the validation style.</summary>
    public static IResult Unprocessable(string error) =>
        TypedResults.Json(new IntroErrorBody(false, [error]), SimulatorJson.Context.IntroErrorBody, statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>Writes the 401 (configurable body) straight to a response, for the auth middleware.</summary>
    public Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (settings.UnauthorizedBody is { } raw)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync(raw, context.RequestAborted);
        }

        return context.Response.WriteAsJsonAsync(new ErrorBody(false, UnauthorizedMessage, null), SimulatorJson.Context.ErrorBody, cancellationToken: context.RequestAborted);
    }

    /// <summary>Writes a D1 body straight to a response (middleware use).</summary>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string error)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new ErrorBody(false, error, null), SimulatorJson.Context.ErrorBody, cancellationToken: context.RequestAborted);
    }
}
