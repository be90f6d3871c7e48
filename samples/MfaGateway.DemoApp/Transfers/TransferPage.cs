using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Html;

namespace MfaGateway.DemoApp.Transfers;

internal static class TransferPage
{
    public static IResult RenderForm(
        HttpContext http,
        AccountSnapshot account,
        IReadOnlyList<string> recipients,
        TransferFormValues values,
        string? error = null,
        int statusCode = StatusCodes.Status200OK)
    {
        var options = recipients.Select(name => name == values.To
            ? Markup.Of($"""<option value="{name}" selected>{name}</option>""")
            : Markup.Of($"""<option value="{name}">{name}</option>"""));
        var content = Markup.Of($"""
            <p>Available balance: <strong>{Money.Format(account.Balance)} {Money.Currency}</strong></p>
            {PageLayout.ErrorMessage(error)}
            <form class="form" method="post" action="{TransferEndpoints.Path}">
            {AntiforgeryField.For(http)}
            <div class="field">
            <label for="to">Recipient</label>
            <select id="to" name="to" required>
            {Markup.Join(options)}
            </select>
            </div>
            <div class="field">
            <label for="amount">Amount ({Money.Currency})</label>
            <input id="amount" name="amount" type="number" inputmode="decimal" min="0.01" step="0.01" autocomplete="off" required value="{values.Amount}">
            </div>
            <div class="field">
            <label for="reference">Reference <span class="optional">(optional)</span></label>
            <input id="reference" name="reference" type="text" maxlength="{BankAccountStore.MaxReferenceLength}" autocomplete="off" value="{values.Reference}">
            </div>
            <button type="submit">Transfer</button>
            </form>
            """);
        return PageLayout.Render(http, "Transfer money", content, statusCode);
    }

    public static IResult RenderDone(HttpContext http, TransferResult transfer)
    {
        var content = Markup.Of($"""
            {PageLayout.Notice($"Transferred {Money.Format(transfer.Amount)} {Money.Currency} to {transfer.Recipient}")}
            <p>Your new balance is <strong>{Money.Format(transfer.NewBalance)} {Money.Currency}</strong>.</p>
            <p><a href="/">Back to the dashboard</a> or <a href="/transfer">make another transfer</a>.</p>
            """);
        return PageLayout.Render(http, "Transfer complete", content);
    }

    public static string Describe(TransferError error) => error switch
    {
        TransferError.AmountNotPositive => "Enter an amount greater than zero.",
        TransferError.AmountHasFractionsOfCents => "Enter the amount in euros and cents, with at most two decimals.",
        TransferError.UnknownRecipient => "Choose a recipient from the list.",
        TransferError.RecipientIsSender => "You cannot transfer money to yourself.",
        TransferError.ReferenceTooLong => $"Keep the reference to {BankAccountStore.MaxReferenceLength} characters or fewer.",
        TransferError.InsufficientFunds => "You do not have enough money for this transfer.",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
