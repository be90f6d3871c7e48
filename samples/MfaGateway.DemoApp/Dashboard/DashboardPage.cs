using System.Globalization;
using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Html;

namespace MfaGateway.DemoApp.Dashboard;

internal static class DashboardPage
{
    public static IResult Render(HttpContext http, AccountSnapshot account)
    {
        var content = Markup.Of($"""
            <section aria-labelledby="balance-heading">
            <h2 id="balance-heading">Balance</h2>
            <p class="balance">{Money.Format(account.Balance)} {Money.Currency}</p>
            <p><a href="/transfer">Make a transfer</a></p>
            </section>
            <section aria-labelledby="transfers-heading">
            <h2 id="transfers-heading">Recent transfers</h2>
            {TransferTable(account.RecentTransfers)}
            </section>
            """);
        return PageLayout.Render(http, $"Welcome, {account.Username}", content);
    }

    private static Markup TransferTable(IReadOnlyList<TransferRecord> transfers)
    {
        if (transfers.Count == 0)
        {
            return Markup.Of($"<p>No transfers yet.</p>");
        }

        var rows = transfers.Select(transfer => Markup.Of($"""
            <tr>
            <td>{transfer.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}</td>
            <td>{Counterparty(transfer)}</td>
            <td>{transfer.Reference}</td>
            <td class="amount">{SignedAmount(transfer)}</td>
            </tr>

            """));
        return Markup.Of($"""
            <table>
            <thead>
            <tr><th scope="col">Date</th><th scope="col">To / from</th><th scope="col">Reference</th><th scope="col" class="amount">Amount ({Money.Currency})</th></tr>
            </thead>
            <tbody>
            {Markup.Join(rows)}</tbody>
            </table>
            """);
    }

    private static string Counterparty(TransferRecord transfer) =>
        transfer.Direction == TransferDirection.Outgoing ? $"To {transfer.Counterparty}" : $"From {transfer.Counterparty}";

    private static string SignedAmount(TransferRecord transfer) =>
        (transfer.Direction == TransferDirection.Outgoing ? "-" : "+") + Money.Format(transfer.Amount);
}
