namespace MfaGateway.Delivery;

/// <summary>What a sent code is for, which the message says in words.</summary>
public enum CodePurpose
{
    /// <summary>Answering a sign-in or step-up challenge.</summary>
    SignIn,

    /// <summary>Proving a new phone number or address belongs to the user before it counts.</summary>
    ConfirmDestination,
}

/// <summary>The messages that carry a one-time code, from the operator's templates.</summary>
public interface ICodeMessages
{
    /// <param name="link">A sign-in link to send with the code (a policy's EmailLink); null for none.</param>
    EmailMessage Email(string to, string code, CodePurpose purpose, string app, TimeSpan lifetime, Uri? link = null);

    SmsMessage Sms(string to, string code, CodePurpose purpose, string app, TimeSpan lifetime);
}
