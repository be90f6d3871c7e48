namespace MfaGateway.DemoApp.Api;

/// <summary>The JSON API reports every failure as <c>{"error":"code"}</c> with a stable, machine-readable code.</summary>
internal static class ApiErrors
{
    public const string NotAuthenticated = "not_authenticated";
    public const string Forbidden = "forbidden";
    public const string ExpectedJson = "expected_json";
    public const string InvalidJson = "invalid_json";
    public const string MissingFields = "missing_fields";

    public static IResult Result(string code, int statusCode = StatusCodes.Status400BadRequest) =>
        Results.Json(new ApiError(code), statusCode: statusCode);

    public static Task WriteAsync(HttpResponse response, int statusCode, string code)
    {
        response.StatusCode = statusCode;
        return response.WriteAsJsonAsync(new ApiError(code));
    }
}
