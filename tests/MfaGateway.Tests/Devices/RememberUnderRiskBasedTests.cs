using MfaGateway.Configuration;
using MfaGateway.Tests.Configuration;

namespace MfaGateway.Tests.Devices;

/// <summary>
/// Under RiskBased every browser that passed MFA is recognised and a fired trigger outweighs a remembered
/// device, so "Remember this device" would change nothing there: the configuration says so instead of offering it.
/// </summary>
public sealed class RememberUnderRiskBasedTests
{
    private const string SignIn = "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }";

    [Fact]
    public void A_RiskBased_policy_offering_remembered_devices_is_refused_with_its_key()
    {
        var json = TestConfiguration.Valid.With(SignIn, "\"signin\": { \"Level\": \"RiskBased\", \"TrustedDevices\": { \"Enabled\": true, \"Days\": 30 } }");

        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Null(config);
        var error = Assert.Single(errors);
        Assert.Equal("Gateway:Policies:signin:TrustedDevices", error.Key);
        Assert.StartsWith("a RiskBased policy already recognises every browser the user passed MFA on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_policies_still_offer_remembered_devices()
    {
        var json = TestConfiguration.Valid.With(SignIn, "\"signin\": { \"Level\": \"Required\", \"TrustedDevices\": { \"Enabled\": true, \"Days\": 30 } }");

        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromDays(30), config!.Policies["signin"].TrustedDeviceLifetime);
    }
}
