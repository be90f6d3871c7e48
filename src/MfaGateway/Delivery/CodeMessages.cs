using System.Globalization;
using MfaGateway.Delivery.Email;

namespace MfaGateway.Delivery;

/// <summary>Code messages: e-mail from the operator's templates; SMS as one short line that says what the code is for and not to share it.</summary>
public sealed class CodeMessages(IEmailSettingsSource email) : ICodeMessages
{
    public EmailMessage Email(string to, string code, CodePurpose purpose, string app, TimeSpan lifetime, Uri? link = null) =>
        (email.Current?.Templates ?? EmailTemplates.BuiltIn).Render(
            purpose != CodePurpose.SignIn ? EmailTemplates.ConfirmCode : link is null ? EmailTemplates.SignInCode : EmailTemplates.SignInLink,
            to,
            new Dictionary<string, string>
            {
                ["code"] = code,
                ["app"] = app,
                ["minutes"] = Minutes(lifetime),
                ["link"] = link?.AbsoluteUri ?? string.Empty,
            });

    public SmsMessage Sms(string to, string code, CodePurpose purpose, string app, TimeSpan lifetime) => new(to, purpose == CodePurpose.SignIn
        ? $"{code} is your {app} sign-in code. It expires in {Minutes(lifetime)} min. Don't share it with anyone."
        : $"{code} confirms this number for {app} sign-in codes. It expires in {Minutes(lifetime)} min.");

    private static string Minutes(TimeSpan lifetime) => Math.Max(1, (int)Math.Ceiling(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
