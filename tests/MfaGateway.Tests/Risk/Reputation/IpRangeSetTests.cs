using System.Net;
using MfaGateway.Networking;
using MfaGateway.Risk.Reputation;

namespace MfaGateway.Tests.Risk.Reputation;

public sealed class IpRangeSetTests
{
    private static IpRangeSet Build(params string[] entries)
    {
        var builder = new IpRangeSetBuilder();
        foreach (var entry in entries)
        {
            Assert.True(NetworkList.TryParseNetwork(entry, out var network, out var error), error);
            builder.Add(network);
        }

        return builder.Build();
    }

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("9.255.255.255", false)]
    [InlineData("11.0.0.0", false)]
    [InlineData("192.0.2.7", true)] // a single address is a /32
    [InlineData("192.0.2.6", false)]
    [InlineData("192.0.2.8", false)]
    [InlineData("2001:db8::", true)]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    [InlineData("2001:db9::", false)]
    [InlineData("2001:db8:1::1", true)]
    [InlineData("2606:4700::1111", true)] // a single IPv6 address is a /128
    [InlineData("2606:4700::1110", false)]
    [InlineData("2606:4700::1112", false)]
    [InlineData("::ffff:10.1.2.3", true)] // IPv4-mapped IPv6 is compared as IPv4
    [InlineData("::ffff:192.0.2.7", true)]
    [InlineData("::ffff:192.0.2.8", false)]
    [InlineData("::a00:1", false)] // IPv4-compatible, not mapped: an IPv6 address
    public void Contains_respects_the_boundaries_of_each_range(string address, bool expected)
    {
        var set = Build("10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "2606:4700::1111");

        Assert.Equal(expected, set.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Overlapping_nested_and_adjacent_ranges_merge_into_one_interval()
    {
        var set = Build("10.0.0.0/24", "10.0.0.128/25", "10.0.1.0/24", "10.0.2.0", "10.0.2.1", "10.0.0.0/23");

        Assert.Equal(1, set.IntervalCount);
        Assert.True(set.Contains(IPAddress.Parse("10.0.2.1")));
        Assert.False(set.Contains(IPAddress.Parse("10.0.2.2")));
        Assert.False(set.Contains(IPAddress.Parse("9.255.255.255")));
    }

    [Fact]
    public void Ranges_with_a_gap_stay_apart()
    {
        var set = Build("10.0.0.0/24", "10.0.2.0/24", "2001:db8::/64", "2001:db8:0:2::/64");

        Assert.Equal(4, set.IntervalCount);
        Assert.False(set.Contains(IPAddress.Parse("10.0.1.0")));
        Assert.False(set.Contains(IPAddress.Parse("2001:db8:0:1::")));
        Assert.True(set.Contains(IPAddress.Parse("2001:db8:0:2:ffff:ffff:ffff:ffff")));
    }

    [Fact]
    public void Slash_zero_covers_its_whole_family_only()
    {
        var v4 = Build("0.0.0.0/0");
        Assert.True(v4.Contains(IPAddress.Parse("0.0.0.0")));
        Assert.True(v4.Contains(IPAddress.Parse("255.255.255.255")));
        Assert.True(v4.Contains(IPAddress.Parse("::ffff:1.2.3.4")));
        Assert.False(v4.Contains(IPAddress.Parse("2001:db8::1")));

        var v6 = Build("::/0");
        Assert.True(v6.Contains(IPAddress.Parse("::")));
        Assert.True(v6.Contains(IPAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        Assert.False(v6.Contains(IPAddress.Parse("1.2.3.4")));
    }

    [Fact]
    public void The_last_addresses_of_each_family_merge_without_wrapping_around()
    {
        var set = Build("255.255.255.255", "255.255.255.0/24", "0.0.0.0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff::/16");

        Assert.Equal(3, set.IntervalCount);
        Assert.True(set.Contains(IPAddress.Parse("255.255.255.255")));
        Assert.True(set.Contains(IPAddress.Parse("0.0.0.0")));
        Assert.False(set.Contains(IPAddress.Parse("0.0.0.1")));
        Assert.False(set.Contains(IPAddress.Parse("255.255.254.255")));
        Assert.True(set.Contains(UInt128.MaxValue));
        Assert.False(set.Contains(UInt128.Zero));
    }

    [Fact]
    public void An_empty_set_contains_nothing()
    {
        Assert.True(IpRangeSet.Empty.IsEmpty);
        Assert.False(IpRangeSet.Empty.Contains(IPAddress.Parse("1.2.3.4")));
        Assert.Same(IpRangeSet.Empty, new IpRangeSetBuilder().Build());
    }

    [Fact]
    public void Many_random_networks_agree_with_a_linear_scan()
    {
        var random = new Random(20240101);
        var networks = new List<IPNetwork>();
        var builder = new IpRangeSetBuilder();
        for (var i = 0; i < 3000; i++)
        {
            var prefix = random.Next(8, 33);
            var bits = (uint)random.NextInt64(0, 1L << 32);
            var mask = prefix == 32 ? uint.MaxValue : ~(uint.MaxValue >> prefix);
            var network = new IPNetwork(new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(bits & mask))), prefix);
            networks.Add(network);
            builder.Add(network);
        }

        var set = builder.Build();
        for (var i = 0; i < 20000; i++)
        {
            var probe = new IPAddress(BitConverter.GetBytes((uint)random.NextInt64(0, 1L << 32)));
            Assert.Equal(networks.Any(n => n.Contains(probe)), set.Contains(probe));
        }
    }

    [Fact]
    public void A_lookup_does_not_allocate()
    {
        var set = Build("10.0.0.0/8", "2001:db8::/32");
        var v4 = IPAddress.Parse("10.1.2.3");
        var v6 = IPAddress.Parse("2001:db8::1");
        var mapped = IPAddress.Parse("::ffff:10.1.2.3");
        set.Contains(v4);
        set.Contains(v6);
        set.Contains(mapped);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            set.Contains(v4);
            set.Contains(v6);
            set.Contains(mapped);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
