using MfaGateway.Factors.Totp;

namespace MfaGateway.Configuration;

public sealed record SessionSettings(string CookieName, TimeSpan Lifetime, string Header);

/// <param name="Parameters">What new enrolments get; each factor keeps the parameters it was enrolled with.</param>
public sealed record TotpSettings(TotpFactorSettings Parameters, int Window);

public sealed record ChallengeSettings(TimeSpan Lifetime, int MaxFailures, int MaxConsecutiveUserFailures, int MaxPreservedFormBytes);

/// <param name="MaxFailures">0 when the limit is off.</param>
public sealed record RegulationLimit(int MaxFailures, TimeSpan Window, TimeSpan BanTime)
{
    public bool Enabled => MaxFailures > 0;
}

public sealed record RegulationSettings(RegulationLimit User, RegulationLimit Client);

public sealed record SelfServiceSettings(TimeSpan MaxAge);

public sealed record AdminKey(string Name, byte[] Sha256);

/// <param name="Networks">Null: the admin API answers any client that has a key.</param>
public sealed record AdminSettings(IReadOnlyList<AdminKey> ApiKeys, Networking.NetworkList? Networks = null, bool PublicOpenApi = false)
{
    /// <summary>Whether a client may reach the admin API at all (before any key is looked at).</summary>
    public bool Admits(System.Net.IPAddress? client) => Networks is null || (client is not null && Networks.Contains(client));
}
