namespace MfaGateway.Risk.Reputation;

public enum BlockListFormat
{
    /// <summary>Tor's exit-addresses format when the file has ExitNode/ExitAddress lines, Plain otherwise.</summary>
    Auto,

    /// <summary>One address or CIDR network per line; '#' and ';' start comments.</summary>
    Plain,

    /// <summary>FireHOL's .netset/.ipset: Plain with a '#' header block; read by the same rules.</summary>
    Netset,

    /// <summary>Tor's exit-addresses (ExitNode/ExitAddress records) or its bulk list of one address per line.</summary>
    TorExitList,
}
