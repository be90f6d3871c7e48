namespace MfaGateway.Challenges;

/// <summary>Why a form POST that needed a step-up is not sent on after it; the user is told.</summary>
public enum UnsentFormReason
{
    /// <summary>The browser said it came from another site: re-sending it would carry out a cross-site request forgery for the attacker.</summary>
    OtherSite,

    /// <summary>No Origin, Sec-Fetch-Site or Referer said where it came from, so it may be another site's.</summary>
    OriginUnknown,

    /// <summary>Too large, of unknown length, or not url-encoded (a file upload): a page cannot re-create it.</summary>
    CannotBeKept,
}
