using MfaGateway.Factors;
using MfaGateway.Factors.Recovery;
using MfaGateway.Factors.Totp;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Factors;

public sealed class FactorSetTests
{
    [Fact]
    public void A_factor_of_no_kind_is_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FactorSet([new KindlessFactor()]));

        Assert.Contains("kindless", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_factor_of_two_kinds_is_refused_because_the_flow_could_not_tell_how_to_drive_it()
    {
        Assert.Throws<InvalidOperationException>(() => new FactorSet([new TwoKindFactor()]));
    }

    [Fact]
    public void The_first_registration_of_a_type_wins()
    {
        var first = new TestSentCodeFactor();

        var set = new FactorSet([first, new TestSentCodeFactor()]);

        Assert.Same(first, set.Find(TestSentCodeFactor.FactorType));
        Assert.Single(set.All);
    }

    [Fact]
    public async Task The_gateway_registers_totp_and_recovery_codes_and_a_host_can_replace_the_set()
    {
        await using (var host = await GatewayTestHost.StartAsync())
        {
            var set = host.Services.GetRequiredService<FactorSet>();
            Assert.IsType<TotpFactor>(set.Find(FactorTypes.Totp));
            Assert.IsType<RecoveryCodeFactor>(set.Find(FactorTypes.Recovery));
        }

        var own = new FactorSet([new TestSentCodeFactor()]);
        await using var replaced = await GatewayTestHost.StartAsync(services: services => services.AddSingleton(own));

        Assert.Same(own, replaced.Services.GetRequiredService<FactorSet>());
    }

    private sealed class KindlessFactor : IChallengeFactor
    {
        public string Type => "kindless";

        public string DisplayName => "Kindless";

        public string Instructions => string.Empty;
    }

    private sealed class TwoKindFactor : ICodeFactor, ISentCodeFactor
    {
        public string Type => "two-kinds";

        public string DisplayName => "Two kinds";

        public string Instructions => string.Empty;

        public Task<CodeDelivery> SendCodeAsync(FactorContext context, bool resend, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
