using System.Text.Json;
using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Sessions;

namespace MfaGateway.DemoApp.Api;

/// <summary>
/// A small JSON API on the same cookie session as the pages. It takes no antiforgery token: it only
/// accepts application/json bodies, which another site can't send cross-origin without a CORS
/// preflight this app never grants, and the SameSite=Lax cookie isn't sent on cross-site POSTs.
/// </summary>
internal static class AccountApiEndpoints
{
    public static IEndpointRouteBuilder MapAccountApiEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization();
        api.MapGet("/account", GetAccount);
        api.MapPost("/transfers", TransferAsync);
        return routes;
    }

    private static IResult GetAccount(HttpContext http, BankAccountStore accounts)
    {
        var account = accounts.GetAccount(http.User.RequiredUsername());
        return Results.Ok(new AccountResponse(account.Username, Money.ToCents(account.Balance), Money.Currency));
    }

    private static async Task<IResult> TransferAsync(HttpContext http, BankAccountStore accounts)
    {
        if (!http.Request.HasJsonContentType())
        {
            return ApiErrors.Result(ApiErrors.ExpectedJson);
        }

        // Read by hand rather than bound, so a malformed body gets a JSON error like every other failure.
        TransferRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<TransferRequest>(http.RequestAborted);
        }
        catch (JsonException)
        {
            return ApiErrors.Result(ApiErrors.InvalidJson);
        }

        if (request is not { To: { Length: > 0 } to, Amount: { } amount })
        {
            return ApiErrors.Result(ApiErrors.MissingFields);
        }

        var result = accounts.Transfer(http.User.RequiredUsername(), to, amount, request.Reference);
        return result.Error is { } error
            ? ApiErrors.Result(ErrorCode(error))
            : Results.Ok(new TransferResponse("ok", result.Recipient, result.Amount, result.NewBalance));
    }

    private static string ErrorCode(TransferError error) => error switch
    {
        TransferError.AmountNotPositive or TransferError.AmountHasFractionsOfCents => "invalid_amount",
        TransferError.UnknownRecipient => "unknown_recipient",
        TransferError.RecipientIsSender => "cannot_transfer_to_self",
        TransferError.ReferenceTooLong => "reference_too_long",
        TransferError.InsufficientFunds => "insufficient_funds",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
