using System.Net;
using MfaGateway.Networking;
using MfaGateway.Validation;

namespace MfaGateway.Tests.Networking;

public sealed class NetworkListTests
{
    private static readonly string[] Entries = ["10.0.0.0/8", "192.168.1.5", "2001:db8::/32", "::1", " 172.16.0.0/12 "];

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("9.255.255.255", false)]
    [InlineData("192.168.1.5", true)] // a single address is a /32
    [InlineData("192.168.1.4", false)]
    [InlineData("192.168.1.6", false)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.0", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db8:ffff:ffff::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::1", true)] // a single IPv6 address is a /128
    [InlineData("::2", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::ffff:10.1.2.3", true)] // IPv4-mapped IPv6 is compared as IPv4
    [InlineData("::ffff:192.168.1.5", true)]
    [InlineData("::ffff:192.168.1.6", false)]
    [InlineData("::ffff:11.0.0.1", false)]
    public void Contains_checks_IPv4_IPv6_and_IPv4_mapped_addresses(string address, bool expected)
    {
        var errors = new List<ConfigError>();
        var list = NetworkList.Parse(Entries, "Test", errors);

        Assert.Empty(errors);
        Assert.False(list.IsEmpty);
        Assert.Equal(expected, list.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    public void A_single_IPv4_mapped_entry_matches_the_plain_IPv4_address(string entry, string address)
    {
        var errors = new List<ConfigError>();
        var list = NetworkList.Parse([entry], "Test", errors);

        Assert.Empty(errors);
        Assert.True(list.Contains(IPAddress.Parse(address)));
        Assert.True(list.Contains(IPAddress.Parse(address).MapToIPv6()));
    }

    [Fact]
    public void Empty_list_contains_nothing_and_null_is_never_contained()
    {
        Assert.True(NetworkList.Empty.IsEmpty);
        Assert.False(NetworkList.Empty.Contains(IPAddress.Loopback));

        var list = NetworkList.Parse(["0.0.0.0/0", "::/0"], "Test", new List<ConfigError>());
        Assert.True(list.Contains(IPAddress.Parse("203.0.113.9")));
        Assert.True(list.Contains(IPAddress.Parse("2001:db8::9")));
        Assert.False(list.Contains(null));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-an-ip")]
    [InlineData("256.1.1.1")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("2001:db8::/129")]
    [InlineData("")]
    public void Invalid_entries_are_reported_with_where_and_what(string entry)
    {
        var errors = new List<ConfigError>();
        var list = NetworkList.Parse(["10.0.0.0/8", entry, "::1"], "Gateway:TrustedProxies", errors);

        var error = Assert.Single(errors);
        Assert.Equal("Gateway:TrustedProxies", error.Key);
        Assert.StartsWith($"'{entry.Trim()}' ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("is not an IP address", StringComparison.Ordinal) || error.Message.Contains("invalid prefix length", StringComparison.Ordinal), error.Text);

        // The valid entries around it are kept.
        Assert.True(list.Contains(IPAddress.Parse("10.1.1.1")));
        Assert.True(list.Contains(IPAddress.IPv6Loopback));
    }

    /// <summary>
    /// Legacy inet_aton forms that IPAddress still accepts: a short "192.168.1" is 192.168.0.1 and a
    /// leading zero means octal. An operator writing them means something else, so they must be refused.
    /// </summary>
    [Theory]
    [InlineData("192.168.1")] // read as 192.168.0.1, not the 192.168.1.0/24 the operator had in mind
    [InlineData("10.0.0")] // read as 10.0.0.0
    [InlineData("10")] // read as 0.0.0.10
    [InlineData("4294967295")] // read as 255.255.255.255
    [InlineData("010.0.0.0/8")] // octal: read as 8.0.0.0/8, a public range
    [InlineData("010.000.000.001")] // octal: read as 8.0.0.1
    [InlineData("0x0a.0.0.1")] // hexadecimal
    public void Legacy_shorthand_octal_and_hex_IPv4_forms_are_refused(string entry)
    {
        var accepted = NetworkList.TryParseNetwork(entry, out var network, out var error);

        Assert.False(accepted, $"'{entry}' was accepted as {network}");
        Assert.Contains($"'{entry}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("192.168.1.10/24")]
    [InlineData("2001:db8::1/32")]
    public void Network_with_host_bits_set_is_refused_as_the_error_text_says(string entry)
    {
        // Silently widening "10.0.0.1/8" to all of
        // 10/8 would trust (or exempt) far more clients than the one the operator probably meant.
        var accepted = NetworkList.TryParseNetwork(entry, out var network, out var error);

        Assert.False(accepted, $"'{entry}' was accepted as {network}");
        Assert.Contains("host bits set after the prefix", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("::ffff:10.1.2.3")]
    public void IPv4_mapped_network_entry_matches_the_addresses_it_covers(string address)
    {
        // The list compares IPv4-mapped addresses as IPv4; an entry written in the mapped form must
        // be compared the same way, or it can never match anything.
        var errors = new List<ConfigError>();
        var list = NetworkList.Parse(["::ffff:10.0.0.0/104"], "Test", errors);

        Assert.Empty(errors);
        Assert.True(list.Contains(IPAddress.Parse(address)), $"::ffff:10.0.0.0/104 does not contain {address}");
    }

    [Fact]
    public void Every_invalid_entry_is_reported()
    {
        var errors = new List<ConfigError>();
        NetworkList.Parse(["bad-1", "10.0.0.0/8", "bad-2", "300.0.0.0/8"], "X", errors);

        Assert.Equal(["X: 'bad-1'", "X: 'bad-2'", "X: '300.0.0.0/8'"], errors.Select(e => e.Text[..e.Text.IndexOf(" is not", StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void Normalize_unwraps_IPv4_mapped_addresses_only(string address, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), NetworkList.Normalize(IPAddress.Parse(address)));
    }
}
