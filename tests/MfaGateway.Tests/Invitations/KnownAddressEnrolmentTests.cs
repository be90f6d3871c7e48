using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Invitations;

/// <summary>
/// An address the identity source vouches for (an SSO's header) fixes the email factor's address, and
/// under FirstEnrolment=Invitation a code confirmed there stands in for the invitation: whoever has
/// only the identity cannot enrol anything else, nor have the code sent elsewhere.
/// </summary>
public sealed partial class KnownAddressEnrolmentTests
{
    [Fact]
    public async Task The_sso_address_takes_the_place_of_an_invitation_and_a_typed_address_is_ignored()
    {
        var smtp = await SmtpSink.SharedAsync();
        var address = $"alice-{Guid.NewGuid():N}@example.com";
        var attacker = $"mallory-{Guid.NewGuid():N}@example.com";
        await using var host = await StartAsync(smtp, emailHeader: true);
        using var browser = SsoBrowser(host, "alice", address);

        var (enrol, page) = await browser.FollowAsync(await browser.GetAsync("/echo/home"));
        Assert.Equal("/.mfa/enrol", enrol.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Contains("a•••@example.com", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Destination\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator app", page, StringComparison.Ordinal);

        // A typed address (as a forged form would send) changes nothing: the code goes to the SSO's address only.
        var sent = await browser.SubmitAsync("/.mfa/enrol?handler=SendCode", page, ("Method", "email"), ("Destination", attacker));
        var sentPage = await sent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var code = SixDigits().Match((await smtp.NextMessageToAsync(address, subject: "confirms this address")).Subject ?? string.Empty).Value;
        Assert.Equal(0, smtp.CountTo(attacker, "confirms this address"));

        // Another factor is not offered, and asked for by hand it is refused.
        var (_, totp) = await browser.GetPageAsync("/.mfa/enrol?method=totp");
        Assert.DoesNotContain("otpauth", totp, StringComparison.Ordinal);

        var done = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "email"), ("Code", code));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var user = await host.Services.GetRequiredService<IUserStore>().FindAsync("intranet", "alice", default);
        var factor = Assert.Single(await host.Services.GetRequiredService<IFactorStore>().ListAsync(user!.Id, default));
        Assert.Equal("email", factor.Type);
    }

    [Fact]
    public async Task Without_an_address_from_the_sso_the_invitation_is_needed()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartAsync(smtp, emailHeader: false);
        using var browser = SsoBrowser(host, "bob", $"bob-{Guid.NewGuid():N}@example.com");

        var (enrol, page) = await browser.FollowAsync(await browser.GetAsync("/echo/home"));

        Assert.Equal(HttpStatusCode.Forbidden, enrol.StatusCode);
        Assert.Contains("An invitation is needed", page, StringComparison.Ordinal);
    }

    private static Browser SsoBrowser(GatewayTestHost host, string user, string email)
    {
        var browser = host.NewBrowser();
        browser.Http.DefaultRequestHeaders.Add("X-Remote-User", user);
        browser.Http.DefaultRequestHeaders.Add("X-Remote-Email", email);
        return browser;
    }

    private static Task<GatewayTestHost> StartAsync(SmtpSink smtp, bool emailHeader) => GatewayTestHost.StartAsync((config, _) =>
    {
        var gateway = config["Gateway"]!;
        gateway["Email"] = smtp.GatewayEmail();
        gateway["Policies"]!["sso"] = new JsonObject { ["Level"] = "Required", ["Factors"] = new JsonArray("totp", "email"), ["FirstEnrolment"] = "Invitation" };
        var trusted = new JsonObject { ["Header"] = "X-Remote-User", ["TrustedNetworks"] = new JsonArray("127.0.0.1/32") };
        if (emailHeader)
        {
            trusted["EmailHeader"] = "X-Remote-Email";
        }

        gateway["Apps"]!["intranet"] = new JsonObject
        {
            ["Routes"] = new JsonArray("echo"),
            ["Identity"] = new JsonObject { ["Source"] = "TrustedHeader", ["TrustedHeader"] = trusted },
        };
        config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "sso";
    });

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}

/// <summary>The same through a JWT's e-mail claim, for a program using the challenge API; an address the provider has not verified is no address.</summary>
public sealed partial class KnownAddressFromTokenTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_verified_email_claim_fixes_where_the_enrolment_code_goes_and_an_unverified_one_needs_an_invitation(bool verified)
    {
        var smtp = await SmtpSink.SharedAsync();
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var address = $"erin-{Guid.NewGuid():N}@example.com";
        var attacker = $"mallory-{Guid.NewGuid():N}@example.com";
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            var gateway = config["Gateway"]!;
            gateway["Email"] = smtp.GatewayEmail();
            gateway["Policies"]!["sso"] = new JsonObject { ["Level"] = "Required", ["Factors"] = new JsonArray("email"), ["FirstEnrolment"] = "Invitation" };
            gateway["Apps"]!["api"] = new JsonObject
            {
                ["Routes"] = new JsonArray("echo"),
                ["Identity"] = new JsonObject
                {
                    ["Source"] = "Jwt",
                    ["Jwt"] = new JsonObject
                    {
                        ["Issuers"] = new JsonArray(JwtTokens.Issuer),
                        ["Audiences"] = new JsonArray(JwtTokens.Audience),
                        ["EmailClaim"] = "email",
                        ["SigningKeys"] = new JsonArray(new JsonObject { ["Secret"] = Convert.ToBase64String(secret) }),
                        ["Algorithms"] = new JsonArray("HS256"),
                    },
                },
            };
            config["ReverseProxy"]!["Routes"]!["echo"]!["Metadata"]!["MfaPolicy"] = "sso";
        });
        var token = JwtTokens.Create(JwtTokens.HS256(secret), "erin", claims:
            [new System.Security.Claims.Claim("email", address), new System.Security.Claims.Claim("email_verified", verified ? "true" : "false", System.Security.Claims.ClaimValueTypes.Boolean)]);
        using var client = EchoFlows.ApiClient(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/data");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var asked = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, asked.StatusCode);
        var askedBody = await asked.Content.ReadAsStringAsync();
        Assert.True(askedBody.Contains("mfa_token", StringComparison.Ordinal), askedBody);
        var mfaToken = ApiFlows.MfaToken(askedBody);

        var send = await client.PostAsync("/.mfa/api/send-code", new StringContent(
            $"{{\"mfa_token\":\"{mfaToken}\",\"factor\":\"email\",\"destination\":\"{attacker}\"}}", System.Text.Encoding.UTF8, "application/json"));

        if (verified)
        {
            Assert.Equal(HttpStatusCode.OK, send.StatusCode);
            await smtp.NextMessageToAsync(address, subject: "confirms this address");
            Assert.Equal(0, smtp.CountTo(attacker, "confirms this address"));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
            Assert.Contains("\"invitation_required\"", await send.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
