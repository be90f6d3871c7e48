using MfaGateway.Configuration;
using MfaGateway.Policies;
using MfaGateway.Tests.Configuration;

namespace MfaGateway.Tests.Invitations;

public sealed class InvitationConfigTests
{
    [Fact]
    public void FirstEnrolment_and_PublicUrl_mistakes_are_listed_together()
    {
        var json = TestConfiguration.Valid
            .With("\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }", "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ], \"FirstEnrolment\": \"Sometimes\" }")
            .With("\"Routes\": [ \"bank\", \"docs\" ],", "\"Routes\": [ \"bank\", \"docs\" ], \"PublicUrl\": \"http://bank.example\",");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Contains("'Sometimes' is not one of", errors.Single(e => e.Key == "Gateway:Policies:signin:FirstEnrolment").Message, StringComparison.Ordinal);
        Assert.Contains("use https", errors.Single(e => e.Key == "Gateway:Apps:bank:PublicUrl").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bank.example/login")]
    [InlineData("https://user:pw@bank.example")]
    [InlineData("ftp://bank.example")]
    [InlineData("bank.example")]
    public void A_PublicUrl_that_is_not_an_origin_is_refused(string url)
    {
        var json = TestConfiguration.Valid.With("\"Routes\": [ \"bank\", \"docs\" ],", $"\"Routes\": [ \"bank\", \"docs\" ], \"PublicUrl\": \"{url}\",");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Contains("must be an origin", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_open_enrolment_and_no_public_url_and_an_https_origin_or_loopback_http_is_taken()
    {
        Assert.Equal(FirstEnrolment.Open, TestConfiguration.Compile(TestConfiguration.Valid).Policies["signin"].FirstEnrolment);
        Assert.Null(TestConfiguration.Compile(TestConfiguration.Valid).Apps["bank"].PublicUrl);

        var https = TestConfiguration.Compile(TestConfiguration.Valid
            .With("\"Routes\": [ \"bank\", \"docs\" ],", "\"Routes\": [ \"bank\", \"docs\" ], \"PublicUrl\": \"https://Bank.Example:8443/\",")
            .With("\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }", "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ], \"FirstEnrolment\": \"Invitation\" }"));
        Assert.Equal(new Uri("https://bank.example:8443"), https.Apps["bank"].PublicUrl);
        Assert.Equal(FirstEnrolment.Invitation, https.Policies["signin"].FirstEnrolment);

        var loopback = TestConfiguration.Compile(TestConfiguration.Valid.With("\"Routes\": [ \"bank\", \"docs\" ],", "\"Routes\": [ \"bank\", \"docs\" ], \"PublicUrl\": \"http://127.0.0.1:5000\","));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), loopback.Apps["bank"].PublicUrl);
    }
}
