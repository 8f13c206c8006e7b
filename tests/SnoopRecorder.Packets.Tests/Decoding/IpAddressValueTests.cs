using System.Net;

namespace SnoopRecorder.Packets.Tests.Decoding;

public sealed class IpAddressValueTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("1::", "1::")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("FE80::ABCD", "fe80::abcd")]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    public void ToString_GivesRfc5952Text(string input, string expected)
    {
        Assert.Equal(expected, IpAddressValue.Parse(input).ToString());
    }

    [Theory]
    [InlineData("192.168.1.102")]
    [InlineData("2001:67c:1220:809::93e5:916")]
    [InlineData("::ffff:10.1.2.3")]
    public void ToIPAddress_RoundTrips(string text)
    {
        var address = IPAddress.Parse(text);
        Assert.Equal(address, IpAddressValue.FromIPAddress(address).ToIPAddress());
    }

    [Fact]
    public void Ipv4AndItsMappedIpv6Form_AreDifferentValues()
    {
        var v4 = IpAddressValue.Parse("10.0.0.1");
        var mapped = IpAddressValue.Parse("::ffff:10.0.0.1");
        Assert.True(v4.IsIPv4);
        Assert.False(mapped.IsIPv4);
        Assert.NotEqual(v4, mapped);
    }

    [Fact]
    public void EqualAddresses_AreEqualAndHashAlike()
    {
        var a = IpAddressValue.FromIPv4(0x0A000001);
        var b = IpAddressValue.Parse("10.0.0.1");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(IpAddressValue.Parse("10.0.0.1") < IpAddressValue.Parse("10.0.0.2"));
    }
}
