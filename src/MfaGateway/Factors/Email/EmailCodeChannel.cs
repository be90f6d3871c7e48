using MfaGateway.Delivery;
using MfaGateway.Factors.SentCodes;

namespace MfaGateway.Factors.Email;

/// <summary>Codes by e-mail, through the configured SMTP server and the operator's templates.</summary>
public sealed class EmailCodeChannel(IEmailSender sender, ICodeMessages messages, Delivery.Email.IEmailSettingsSource settings) : ICodeChannel
{
    public string FactorType => FactorTypes.Email;

    public string DisplayName => "Email";

    public string DestinationName => "email address";

    public bool SendsLinks => true;

    /// <summary>Gateway:Email names an SMTP server (a reload may take it away).</summary>
    public bool IsAvailable => settings.Current is not null;

    public bool TryNormalize(string? input, out string destination, out string problem) => EmailAddresses.TryNormalize(input, out destination, out problem);

    public string Mask(string destination) => EmailAddresses.Mask(destination);

    public async Task<CodeSendResult> SendAsync(CodeSendRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(messages.Email(request.Destination, request.Code, request.Purpose, request.App, request.Lifetime, request.Link), cancellationToken);
        return result.Delivered ? CodeSendResult.Delivered : CodeSendResult.NotDelivered;
    }
}
