using MfaGateway.DemoApp.Accounts;
using MfaGateway.DemoApp.Sessions;

namespace MfaGateway.DemoApp.Dashboard;

internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", ShowDashboard).RequireAuthorization();
        return routes;
    }

    private static IResult ShowDashboard(HttpContext http, BankAccountStore accounts) =>
        DashboardPage.Render(http, accounts.GetAccount(http.User.RequiredUsername()));
}
