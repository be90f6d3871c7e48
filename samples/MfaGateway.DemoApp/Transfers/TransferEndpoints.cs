using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.DemoApp.Transfers;

internal static class TransferEndpoints
{
    public const string Path = "/transfer";

    public static IEndpointRouteBuilder MapTransferEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ShowTransferForm).RequireAuthorization();
        routes.MapPost(Path, SubmitTransfer).RequireAuthorization();
        return routes;
    }

    private static IResult ShowTransferForm(HttpContext http, BankAccountStore accounts)
    {
        var username = http.User.RequiredUsername();
        return TransferPage.RenderForm(http, accounts.GetAccount(username), accounts.RecipientsFor(username), TransferFormValues.Blank);
    }

    private static IResult SubmitTransfer(
        HttpContext http,
        BankAccountStore accounts,
        [FromForm] string? to,
        [FromForm] string? amount,
        [FromForm] string? reference)
    {
        var username = http.User.RequiredUsername();
        var values = new TransferFormValues(to, amount, reference);

        // Amounts arrive as text so that a typo shows the form again instead of a bare binding error.
        if (!Money.TryParse(amount, out var parsedAmount))
        {
            return Rejected(http, accounts, username, values, "Enter an amount such as 25.00.");
        }

        var result = accounts.Transfer(username, to ?? string.Empty, parsedAmount, reference);
        return result.Error is { } error
            ? Rejected(http, accounts, username, values, TransferPage.Describe(error))
            : TransferPage.RenderDone(http, result);
    }

    private static IResult Rejected(HttpContext http, BankAccountStore accounts, string username, TransferFormValues values, string error) =>
        TransferPage.RenderForm(
            http,
            accounts.GetAccount(username),
            accounts.RecipientsFor(username),
            values,
            error,
            StatusCodes.Status400BadRequest);
}
