using MfaGateway.Delivery;
using MfaGateway.Delivery.Sms;
using MfaGateway.Factors.SentCodes;

namespace MfaGateway.Factors.Sms;

/// <summary>
/// Codes by text message, through the configured provider. NIST SP 800-63B 5.1.3.3 calls SMS a
/// restricted authenticator (a number can be ported or its texts redirected): a policy can leave it
/// out, and the security page offers its users a stronger factor.
/// </summary>
public sealed class SmsCodeChannel(ISmsSender sender, ICodeMessages messages, ISmsSettingsSource settings, SmsPumpingGuard guard) : ICodeChannel
{
    public string FactorType => FactorTypes.Sms;

    public string DisplayName => "Text message";

    public string DestinationName => "mobile number";

    public bool IsAvailable => settings.Current is not null;

    public bool TryNormalize(string? input, out string destination, out string problem)
    {
        destination = string.Empty;
        if (settings.Current is not { } current)
        {
            problem = "Text messages are not available.";
            return false;
        }

        if (!MobileNumbers.TryNormalize(input, current.DefaultRegion, current.AllowedRegions, out var entry, out problem))
        {
            return false;
        }

        destination = entry!.E164;
        return true;
    }

    public string Mask(string destination) => MobileNumbers.Mask(destination);

    public async Task<CodeSendResult> SendAsync(CodeSendRequest request, CancellationToken cancellationToken)
    {
        // A number enrolled before a country left the allow-list gets no more texts.
        if (settings.Current is not { } current || MobileNumbers.Describe(request.Destination) is not { } number || !current.AllowedRegions.Contains(number.Region))
        {
            return CodeSendResult.NotDelivered;
        }

        if (await guard.TryTakeAsync(number, current.Limits, request.Realm, request.User, request.Client, cancellationToken) is { } resetIn)
        {
            return new CodeSendResult(CodeSendStatus.Limited, resetIn);
        }

        var result = await sender.SendAsync(messages.Sms(request.Destination, request.Code, request.Purpose, request.App, request.Lifetime), cancellationToken);
        return result.Delivered ? CodeSendResult.Delivered : CodeSendResult.NotDelivered;
    }
}
