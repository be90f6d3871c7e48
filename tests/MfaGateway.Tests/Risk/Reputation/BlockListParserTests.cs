using System.Net;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Tests.Risk.Reputation;

public sealed class BlockListParserTests
{
    // The shape of FireHOL's firehol_level1.netset: a long '#' header, then CIDRs and addresses.
    private const string Netset = """
        #
        # firehol_level1
        #
        # ipv4 hash:net ipset
        #
        # A firewall blacklist composed from IP lists, providing
        # maximum protection with minimum false positives.
        #
        # Source URL: https://iplists.firehol.org/
        #
        # Maintainer      : FireHOL
        # List source URL : https://iplists.firehol.org/files/firehol_level1.netset
        #
        # This File Date  : Mon Jan  1 12:00:00 UTC 2024
        # Entries         : 4 subnets, 260 unique IPs
        #
        0.0.0.0/8
        1.10.16.0/20
        5.134.128.0/19
        192.0.2.99
        """;

    // Tor's exit-addresses as served by check.torproject.org.
    private const string TorExitAddresses = """
        ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E
        Published 2024-01-01 02:37:31
        LastStatus 2024-01-01 10:00:00
        ExitAddress 162.247.74.201 2024-01-01 10:08:43
        ExitNode 0091174DE56EA5E4B5E8B8A1EB7F3CE1D1E8E2C4
        Published 2024-01-01 05:11:02
        LastStatus 2024-01-01 11:00:00
        ExitAddress 185.220.101.1 2024-01-01 11:07:12
        ExitAddress 2a0b:f4c2::1 2024-01-01 11:07:12
        """;

    [Fact]
    public void A_FireHOL_netset_is_read_with_its_header_block()
    {
        var result = BlockListParser.Parse(Netset, BlockListFormat.Auto);

        Assert.False(result.HasErrors, result.HasErrors ? result.DescribeErrors() : null);
        Assert.Equal(BlockListFormat.Plain, result.Format);
        Assert.Equal(4, result.EntryCount);
        Assert.True(result.Set.Contains(IPAddress.Parse("1.10.31.255")));
        Assert.False(result.Set.Contains(IPAddress.Parse("1.10.32.0")));
        Assert.True(result.Set.Contains(IPAddress.Parse("192.0.2.99")));
    }

    [Fact]
    public void Plain_lists_allow_hash_and_semicolon_comments_blank_lines_and_trailing_comments()
    {
        const string Text = """
            ; Spamhaus DROP style
            1.2.3.0/24 ; SBL123456

            # an internal range, listed on purpose
              10.20.0.0/16   # lab
            2001:db8:bad::/48
            198.51.100.7	# tab before the comment
            """;

        var result = BlockListParser.Parse(Text, BlockListFormat.Plain);

        Assert.False(result.HasErrors, result.HasErrors ? result.DescribeErrors() : null);
        Assert.Equal(4, result.EntryCount);
        Assert.True(result.Set.Contains(IPAddress.Parse("1.2.3.255")));
        Assert.True(result.Set.Contains(IPAddress.Parse("10.20.1.1")));
        Assert.True(result.Set.Contains(IPAddress.Parse("2001:db8:bad:ffff::1")));
        Assert.True(result.Set.Contains(IPAddress.Parse("198.51.100.7")));
    }

    [Fact]
    public void Tor_exit_addresses_are_detected_and_only_ExitAddress_IPs_are_taken()
    {
        var result = BlockListParser.Parse(TorExitAddresses, BlockListFormat.Auto);

        Assert.False(result.HasErrors, result.HasErrors ? result.DescribeErrors() : null);
        Assert.Equal(BlockListFormat.TorExitList, result.Format);
        Assert.Equal(3, result.EntryCount);
        Assert.True(result.Set.Contains(IPAddress.Parse("162.247.74.201")));
        Assert.True(result.Set.Contains(IPAddress.Parse("185.220.101.1")));
        Assert.True(result.Set.Contains(IPAddress.Parse("2a0b:f4c2::1")));
        Assert.False(result.Set.Contains(IPAddress.Parse("162.247.74.202")));
    }

    [Fact]
    public void The_Tor_bulk_exit_list_of_bare_addresses_reads_as_Tor_and_as_plain()
    {
        const string Bulk = "171.25.193.25\n185.220.101.1\n2a0b:f4c2::1\n";

        foreach (var format in new[] { BlockListFormat.TorExitList, BlockListFormat.Auto })
        {
            var result = BlockListParser.Parse(Bulk, format);
            Assert.False(result.HasErrors);
            Assert.Equal(3, result.EntryCount);
            Assert.True(result.Set.Contains(IPAddress.Parse("171.25.193.25")));
        }
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("010.0.0.0/8")] // octal to some tools: never guessed
    [InlineData("10.0.0.1/8")] // host bits set
    [InlineData("10.0.0.0/33")]
    [InlineData("1.2.3.4 5.6.7.8")]
    [InlineData("1.2.3.4-1.2.3.9")]
    [InlineData("fe80::1%eth0")]
    [InlineData("example.com")]
    public void Malformed_plain_entries_are_reported_not_guessed(string line)
    {
        var result = BlockListParser.Parse($"# header\n1.1.1.1\n{line}\n", BlockListFormat.Netset);

        Assert.Equal(1, result.BadLineCount);
        Assert.Equal(3, result.FirstBadLines.Single().Number);
        Assert.Equal(1, result.EntryCount);
    }

    [Fact]
    public void Malformed_Tor_lines_are_reported_with_their_numbers()
    {
        const string Text = """
            ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E
            ExitAddress 162.247.74 2024-01-01 10:08:43
            ExitAddress 185.220.101.0/24 2024-01-01 10:08:43
            Something else
            ExitAddress
            ExitAddress 185.220.101.1 2024-01-01 11:07:12
            """;

        var result = BlockListParser.Parse(Text, BlockListFormat.Auto);

        Assert.Equal([2, 3, 4, 5], result.FirstBadLines.Select(b => b.Number));
        Assert.Equal(1, result.EntryCount);
    }

    [Fact]
    public void Only_the_first_few_bad_lines_are_kept_but_all_are_counted()
    {
        var text = string.Join('\n', Enumerable.Range(1, 50).Select(i => i % 2 == 0 ? $"bad{i}" : $"10.0.{i}.0/24"));

        var result = BlockListParser.Parse(text, BlockListFormat.Plain);

        Assert.Equal(25, result.BadLineCount);
        Assert.Equal(BlockListParser.ReportedBadLines, result.FirstBadLines.Count);
        Assert.Equal([2, 4, 6, 8, 10], result.FirstBadLines.Select(b => b.Number));
        Assert.StartsWith("25 malformed line(s): line 2: 'bad2'", result.DescribeErrors());
        Assert.EndsWith("; and 20 more", result.DescribeErrors());
    }

    [Fact]
    public void An_empty_or_comment_only_file_is_an_empty_list()
    {
        var result = BlockListParser.Parse("# nothing yet\n\n", BlockListFormat.Auto);

        Assert.False(result.HasErrors);
        Assert.True(result.Set.IsEmpty);
    }

    [Theory]
    [InlineData("Samples/firehol_level1_sample.netset", BlockListFormat.Netset, "5.134.128.1", "5.135.0.0")]
    [InlineData("Samples/tor_exit_addresses_sample.txt", BlockListFormat.Auto, "185.220.101.1", "185.220.101.2")]
    [InlineData("Samples/tor_bulk_exit_list_sample.txt", BlockListFormat.TorExitList, "185.220.101.1", "185.220.101.2")]
    public void Committed_samples_of_real_formats_parse_cleanly(string path, BlockListFormat format, string listed, string notListed)
    {
        var result = BlockListFile.TryRead(Path.Combine(AppContext.BaseDirectory, "Risk", "Reputation", path), format, out var error);

        Assert.Null(error);
        Assert.NotNull(result);
        Assert.True(result.EntryCount > 5);
        Assert.True(result.Set.Contains(IPAddress.Parse(listed)));
        Assert.False(result.Set.Contains(IPAddress.Parse(notListed)));
    }
}
