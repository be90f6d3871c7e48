using MfaGateway.Challenges;

namespace MfaGateway.Pages;

/// <summary>What the user is told after passing when the form that asked for MFA was not sent on.</summary>
public static class UnsentFormText
{
    public static string For(UnsentFormReason reason) => reason switch
    {
        UnsentFormReason.OtherSite =>
            "The form you submitted was not sent: it came from another website, and forms are sent on after verification only when they were filled in on this site. If you meant to send it, open the page here, check it and submit it again.",
        UnsentFormReason.OriginUnknown =>
            "The form you submitted was not sent: your browser did not say which website it came from, so it may have been another site's. If you meant to send it, open the page here, check it and submit it again.",
        _ =>
            "The form you submitted was not sent: it was too large, or of a kind (such as a file upload) that cannot be kept during verification. Submit it again now.",
    };
}
