namespace MfaGateway.Security;

/// <summary>Which site a browser says a request came from, as far as its headers tell.</summary>
public enum RequestSource
{
    /// <summary>The headers name this very origin (scheme, host and port).</summary>
    SameOrigin,

    /// <summary>The headers name another origin, a sibling subdomain or an opaque one ("Origin: null").</summary>
    OtherOrigin,

    /// <summary>No Origin, Sec-Fetch-Site or Referer: a program, or a browser that sends none of them.</summary>
    Unknown,
}
