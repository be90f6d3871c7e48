namespace MfaGateway.Policies;

/// <summary>"app.example.com" exactly, or "*.example.com" for any subdomain. Ports are ignored.</summary>
public sealed class HostPattern
{
    private readonly string _host;
    private readonly bool _wildcard;

    private HostPattern(string host, bool wildcard)
    {
        _host = host;
        _wildcard = wildcard;
    }

    public bool Matches(HostString host)
    {
        var name = host.Host;
        return _wildcard
            ? name.Length > _host.Length && name.EndsWith(_host, StringComparison.OrdinalIgnoreCase)
            : name.Equals(_host, StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParse(string text, out HostPattern? pattern, out string? error)
    {
        text = text.Trim();
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var name = wildcard ? text[1..] : text;
        var body = wildcard ? name[1..] : name;
        if (body.Length == 0 || body.Contains('*') || body.Contains('/') || body.Contains(':'))
        {
            pattern = null;
            error = $"'{text}' is not a host name or '*.domain' pattern";
            return false;
        }

        pattern = new HostPattern(name, wildcard);
        error = null;
        return true;
    }
}
