using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SnoopRecorder.TestSupport;
using SnoopRecorder.TestSupport.Captures;
using Xunit.Abstractions;
using static SnoopRecorder.Api.Tests.Adversarial.AdversarialTraffic;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>
/// A SYN flood: a million connections opened by a SYN and never heard from again (distinct source addresses and ports),
/// with one real exchange in the middle, and one slow exchange whose response comes 200,000 SYNs after its request.
/// The tracker holds at most <c>TcpReassemblyOptions.MaxConnections</c> (100,000) connections and evicts the least
/// recently active beyond that, so the slow connection is evicted while it waits: its request is stored as having had
/// no response, and its response, on the connection the tracker opens again for it, as having no request. What shows the
/// bound from outside is the session's <c>evictedConnections</c>, and the connections table, where every connection is
/// stored with its close reason.
/// </summary>
[Collection(HeavyCapturesCollection.Name)]
public sealed class SynFloodTests(ITestOutputHelper output) : IDisposable
{
    private const int Syns = 1_000_000;
    private const int RealExchangeAfter = Syns / 2;
    private const int SlowRequestAfter = Syns / 5;
    private const int SlowResponseAfter = SlowRequestAfter + 2 * TrackedConnections;
    private const int RealPackets = 10 + 10;
    private const int TrackedConnections = 100_000;
    private const int PortsPerAddress = 50_000;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("snoop-synflood-");
    private readonly SnoopApiFactory _factory = new();

    [Fact]
    public async Task MillionConnectionSynFlood_ImportCompletes_RealExchangesAreFoundAndHonestlyFlagged_TrackedConnectionsStayAtTheCap()
    {
        var path = Path.Combine(_folder.FullName, "syn-flood.pcap");
        var writing = Stopwatch.StartNew();
        WriteFlood(path);
        writing.Stop();
        var fileBytes = new FileInfo(path).Length;
        using var client = _factory.CreateClient();
        var workingSetBefore = ProcessMemory.WorkingSet();
        using var memory = new ProcessMemory();

        var (session, elapsed) = await StreamedImport.RunAsync(client, path, TimeSpan.FromMinutes(10));

        output.WriteLine($"capture: {Syns + RealPackets:N0} packets, {fileBytes / 1e6:F0} MB, written in {writing.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"import: {elapsed.TotalSeconds:F1} s (upload and analysis); working set {workingSetBefore >> 20} MiB before, peak {memory.PeakBytes >> 20} MiB ({memory.PeakSource}; the whole test process, service included)");
        var id = session.GetProperty("id").GetString();
        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.Equal(Syns + RealPackets, session.GetProperty("packets").GetInt64());
        Assert.Equal(Syns + 3, session.GetProperty("connections").GetInt64());
        Assert.Equal(3, session.GetProperty("exchanges").GetInt64());

        var exchange = Assert.Single((await client.GetJsonAsync($"/api/exchanges?session={id}&complete=true")).Items());
        Assert.Equal(ControlPath, exchange.GetProperty("path").GetString());
        Assert.Equal(200, exchange.GetProperty("status").GetInt32());
        Assert.Equal(Client(1).Address.ToString(), exchange.GetProperty("client").GetProperty("ip").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/exchanges/{exchange.GetProperty("id").GetInt64()}/transcript")).StatusCode);

        // The slow exchange, cut in two by its connection's eviction, is flagged as such on both halves.
        var slow = (await client.GetJsonAsync($"/api/exchanges?session={id}&client={Client(3).Address}")).Items();
        Assert.Equal(2, slow.Count);
        Assert.Equal("/slow", slow[0].GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, slow[0].GetProperty("status").ValueKind);
        Assert.Equal(["noResponse"], slow[0].GetProperty("issues").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(JsonValueKind.Null, slow[1].GetProperty("method").ValueKind);
        Assert.Equal(200, slow[1].GetProperty("status").GetInt32());
        Assert.Equal(["noRequest"], slow[1].GetProperty("issues").EnumerateArray().Select(i => i.GetString()));
        Assert.NotEqual(slow[0].GetProperty("connectionId").GetInt64(), slow[1].GetProperty("connectionId").GetInt64());

        // Every connection left the tracker through the cap (evicted, least recently active first: every SYN but those
        // still tracked at the end, and the slow connection), its FIN (the real one, and the slow one's second half), or
        // the end of the capture, which found no more than the cap still tracked.
        var closes = CloseReasons(id!);
        output.WriteLine("close reasons: " + string.Join(", ", closes.Select(c => $"{c.Key} {c.Value:N0}")));
        Assert.Equal(2, closes.GetValueOrDefault("fin"));
        Assert.InRange(closes.GetValueOrDefault("end-of-capture"), 1, TrackedConnections);
        Assert.Equal(Syns - closes["end-of-capture"] + 1, closes.GetValueOrDefault("evicted"));
        Assert.Equal(closes["evicted"], (await client.GetJsonAsync($"/api/sessions/{id}")).GetProperty("evictedConnections").GetInt64());
    }

    public void Dispose()
    {
        _factory.Dispose();
        _folder.Delete(recursive: true);
    }

    /// <summary>One SYN per microsecond from a new address and port each; the real exchanges among them.</summary>
    private static void WriteFlood(string path)
    {
        using var capture = new SyntheticCapture(path, Start) { PacketSpacing = TimeSpan.FromMicroseconds(1) };
        var address = new byte[4];
        TcpFlow? slow = null;
        for (var i = 0; i < Syns; i++)
        {
            if (i == RealExchangeAfter)
            {
                WriteControl(capture, 1);
            }
            else if (i == SlowRequestAfter)
            {
                slow = capture.Flow(Client(3), Server).Open().ClientSends(Get("/slow"));
            }
            else if (i == SlowResponseAfter)
            {
                slow!.ServerSends(Ok("late")).Close();
            }

            var host = i / PortsPerAddress;
            address[0] = 10;
            address[1] = 64;
            address[2] = (byte)(host >> 8);
            address[3] = (byte)host;
            var source = new IPEndPoint(new IPAddress(address), 10_000 + (i % PortsPerAddress));
            capture.WriteSegment(source, Server, (uint)i * 7919, 0, SegmentFlags.Syn, default);
        }
    }

    private Dictionary<string, long> CloseReasons(string sessionId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_factory.DataDirectory, "snoop.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT close_reason, COUNT(*) FROM connections WHERE session_id = $session GROUP BY close_reason";
        command.Parameters.AddWithValue("$session", sessionId);
        var reasons = new Dictionary<string, long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            reasons[reader.IsDBNull(0) ? "(none)" : reader.GetString(0)] = reader.GetInt64(1);
        }

        return reasons;
    }
}
