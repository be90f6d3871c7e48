using MfaGateway.Web;

namespace MfaGateway.Configuration;

public sealed record SessionSettings(string CookieName, TimeSpan Lifetime, string Header);
