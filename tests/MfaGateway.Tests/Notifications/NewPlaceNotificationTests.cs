using System.Text.Json.Nodes;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Notifications;

/// <summary>Under a RiskBased policy the user is told when their password is used from a place new for them, and only then.</summary>
public sealed class NewPlaceNotificationTests
{
    private const string Subject = "Your password was used from a new place.";

    [Fact]
    public async Task A_sign_in_from_a_new_country_is_told_to_the_confirmed_address_and_a_known_one_is_not()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await RiskFlows.StartAsync(new JsonObject { ["NewLocation"] = "Challenge" }, gateway => gateway["Email"] = smtp.GatewayEmail());
        var (browser, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        var address = $"alice-{Guid.NewGuid():N}@example.com";
        var user = await SecurityFlows.UserAsync(host, "alice");
        await host.Services.GetRequiredService<ContactBook>().RememberAsync(user.Id, ContactKind.Email, address, ContactSource.Administrator, default);

        browser.ComeFrom(GeoTestData.Portugal);
        await RiskFlows.SignInUnchallengedAsync(browser, DemoUsers.Alice);
        await browser.GetAsync("/logout");

        browser.ComeFrom(GeoTestData.Tokyo);
        await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);

        var told = await smtp.NextMessageToAsync(address, subject: Subject);
        Assert.Contains("Japan", told.TextBody, StringComparison.Ordinal);
        Assert.Contains(GeoTestData.Tokyo, told.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, smtp.CountTo(address, Subject));
    }
}
