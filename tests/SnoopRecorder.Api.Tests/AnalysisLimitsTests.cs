using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using SnoopRecorder.TestSupport.Captures;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// The memory limits of an analysis are the operator's to size (<c>Snoop:MaxTrackedConnections</c>,
/// <c>Snoop:MaxHeldHttpBytes</c>, <c>Snoop:MaxOutOfOrderBytes</c>): they reach the analysis, and values that would
/// leave it unbounded or useless stop the service at start.
/// </summary>
public sealed class AnalysisLimitsTests : IDisposable
{
    private const int OpenConnections = 300;
    private static readonly IPEndPoint Server = new(IPAddress.Parse("10.8.0.1"), 80);

    private readonly string _capture = Path.Combine(Path.GetTempPath(), $"snoop-limits-{Guid.NewGuid():N}.pcap");

    public AnalysisLimitsTests()
    {
        // 300 connections, each opened and sent a request that is never answered: all open at the end of the capture.
        using var capture = new SyntheticCapture(_capture, new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < OpenConnections; i++)
        {
            capture.Flow(new IPEndPoint(IPAddress.Parse("10.8.1.2"), 20_000 + i), Server).Open()
                .ClientSends(Encoding.ASCII.GetBytes($"GET /item/{i} HTTP/1.1\r\nHost: shop.example\r\n\r\n"));
        }
    }

    public void Dispose() => File.Delete(_capture);

    [Fact]
    public async Task MaxTrackedConnections_BoundsTheConnectionTable_TheLeastRecentlyActiveAreEvictedAndCounted()
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxTrackedConnections", "100"));
        using var client = factory.CreateClient();

        var session = await client.ImportAsync(_capture);

        Assert.Equal(OpenConnections - 100, session.GetProperty("evictedConnections").GetInt64());
        Assert.Equal(OpenConnections, session.GetProperty("exchanges").GetInt64());
    }

    [Fact]
    public async Task ByDefault_ThreeHundredOpenConnections_AreAllTracked()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();

        var session = await client.ImportAsync(_capture);

        Assert.Equal(0, session.GetProperty("evictedConnections").GetInt64());
        Assert.Equal(OpenConnections, session.GetProperty("exchanges").GetInt64());
    }

    [Theory]
    [InlineData("Snoop:MaxTrackedConnections", "99", "Snoop:MaxTrackedConnections must be from 100 to 10000000")]
    [InlineData("Snoop:MaxHeldHttpBytes", "1048576", "Snoop:MaxHeldHttpBytes must be from 16777216 to 68719476736")]
    [InlineData("Snoop:MaxOutOfOrderBytes", "0", "Snoop:MaxOutOfOrderBytes must be from 16777216 to 68719476736")]
    public void AnAnalysisLimitOutOfRange_StopsTheServiceAtStart_NamingIt(string key, string value, string message)
    {
        using var factory = new SnoopApiFactory((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
