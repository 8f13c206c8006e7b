using System.Globalization;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>
/// Deterministic synthetic exchanges with the skew of real recordings: eight sessions of very different sizes over one
/// week, busy afternoons and quiet nights, 286 hosts of which a handful get most requests (Zipf), thousands of
/// distinct paths with ids in them, GET-heavy methods, mostly 2xx/304 with rare 4xx/5xx and three incidents where one
/// host fails in bursts, a few requests without response, log-normal durations, keep-alive connections per client.
/// </summary>
internal sealed partial class SyntheticExchangeGenerator
{
    public const int Seed = 20_261_116;

    /// <summary>Monday 2026-11-16 00:00 UTC, the first instant of the generated week.</summary>
    public static readonly DateTimeOffset WeekStart = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<SyntheticSession> Sessions =
    [
        new("qbcheckout01", "checkout, live all week", 0.35, 0.0, 7.0, 40),
        new("qbpayments02", "payments, live", 0.20, 2.0, 6.0, 12),
        new("qbimport0003", "import of a load test", 0.15, 1.40, 1.55, 8),
        new("qbimport0004", "import, one day", 0.10, 3.0, 4.0, 30),
        new("qbsearch0005", "search pods", 0.08, 4.0, 5.5, 20),
        new("qbimport0006", "import, one evening", 0.06, 5.7, 5.95, 6),
        new("qbinternal07", "internal services (IPv6 clients)", 0.04, 6.0, 7.0, 10),
        new("qbimport0008", "small import", 0.02, 6.5, 6.52, 3),
    ];

    private const long NanosecondsPerDay = 86_400_000_000_000;
    private const long NanosecondsPerMillisecond = 1_000_000;

    private static readonly string[] Words = ["shoes", "coat", "lamp", "desk", "chair", "phone", "cable", "mug", "book", "pen", "bag", "watch"];
    private static readonly string[] Agents = ["okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/1.1", "curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"];

    private readonly Random _random = new(Seed);
    private readonly IReadOnlyList<SyntheticHost> _hosts = BuildHosts();
    private readonly ZipfSampler _hostRanks;
    private readonly IReadOnlyList<SyntheticIncident> _incidents;

    public SyntheticExchangeGenerator()
    {
        _hostRanks = new ZipfSampler(_hosts.Count, 1.1);
        _incidents =
        [
            new("payments.example.com", At(1, 14, 0), At(1, 14, 25), 503, 0.5, 900),
            new("api.example.com", At(3, 9, 10), At(3, 9, 40), 500, 0.2, 2_500),
            new("svc-7.shop.svc.cluster.local:8080", At(5, 22, 0), At(5, 22, 15), 504, 0.3, 30_000),
        ];
    }

    public static long StartNs => WeekStart.ToUnixTimeMilliseconds() * NanosecondsPerMillisecond;

    public IReadOnlyList<SyntheticHost> Hosts => _hosts;

    /// <summary>The session's exchanges in request-time order.</summary>
    public IEnumerable<ExchangeWrite> Generate(SyntheticSession session, int count)
    {
        var times = RequestTimes(session, count);
        var clients = new ZipfSampler(session.Clients, 1.0);
        var connections = new Dictionary<(int Client, int Host), SyntheticConnection>();
        var nextConnection = 0L;
        var packetIndex = 0L;
        var sessionNumber = Sessions.ToList().IndexOf(session);
        foreach (var startedNs in times)
        {
            var client = clients.Next(_random);
            var hostIndex = _hostRanks.Next(_random);
            var host = _hosts[hostIndex];
            if (!connections.TryGetValue((client, hostIndex), out var connection) || connection.Remaining == 0)
            {
                connection = new SyntheticConnection(++nextConnection, 32_768 + _random.Next(28_000), KeepAlive(host));
            }

            connections[(client, hostIndex)] = connection with { Remaining = connection.Remaining - 1 };
            var first = packetIndex;
            packetIndex += 4 + _random.Next(12);
            yield return Exchange(session, sessionNumber, client, host, connection, startedNs, first, packetIndex - 1);
        }
    }

    private static long At(int day, int hour, int minute) =>
        StartNs + (day * NanosecondsPerDay) + (((hour * 60L) + minute) * 60 * 1_000 * NanosecondsPerMillisecond);

    private static IReadOnlyList<SyntheticHost> BuildHosts()
    {
        var hosts = new List<SyntheticHost>
        {
            new("api.example.com", "203.0.113.10", 80, SyntheticHostKind.Api),
            new("cdn.example.com", "198.51.100.20", 80, SyntheticHostKind.Static),
            new("svc-1.shop.svc.cluster.local:8080", "10.96.0.11", 8080, SyntheticHostKind.Internal),
            new("payments.example.com", "203.0.113.30", 80, SyntheticHostKind.Api),
            new("www.example.com", "203.0.113.11", 80, SyntheticHostKind.Static),
            new("search.example.com", "203.0.113.40", 80, SyntheticHostKind.Api),
            new("v6.example.com", "2001:db8::10", 80, SyntheticHostKind.Api),
            new("a.b.example.com", "203.0.113.50", 80, SyntheticHostKind.Api),
            new("10.96.3.4:9090", "10.96.3.4", 9090, SyntheticHostKind.Internal),
            new("auth.example.com", "203.0.113.12", 80, SyntheticHostKind.Api),
        };
        for (var i = 2; i <= 77; i++)
        {
            hosts.Add(new($"svc-{i}.shop.svc.cluster.local:8080", $"10.96.{i / 250}.{(i % 250) + 10}", 8080, SyntheticHostKind.Internal));
        }

        for (var i = 0; i < 200; i++)
        {
            hosts.Add(new($"bucket-{i:000}.storage.example.net", "198.51.100.200", 80, SyntheticHostKind.Storage));
        }

        // Shuffle all but the first few so that the Zipf ranks mix kinds, deterministically.
        var shuffle = new Random(Seed + 1);
        var tail = hosts.Skip(6).OrderBy(_ => shuffle.Next()).ToList();
        return [.. hosts.Take(6), .. tail];
    }

    private static int KeepAliveMean(SyntheticHost host) => host.Kind switch
    {
        SyntheticHostKind.Static => 40,
        SyntheticHostKind.Internal => 60,
        _ => 15,
    };

    private int KeepAlive(SyntheticHost host) => 1 + _random.Next(2 * KeepAliveMean(host));

    /// <summary>Uniform over the session's days, thinned by a daily curve peaking at 14:00 UTC, then sorted.</summary>
    private long[] RequestTimes(SyntheticSession session, int count)
    {
        var times = new long[count];
        var from = StartNs + (long)(session.FirstDay * NanosecondsPerDay);
        var span = (long)((session.LastDay - session.FirstDay) * NanosecondsPerDay);
        for (var i = 0; i < count;)
        {
            var t = from + _random.NextInt64(span);
            var hour = (t - StartNs) % NanosecondsPerDay / 3_600e9;
            var rate = 0.15 + (0.85 * Math.Exp(-Math.Pow(hour - 14, 2) / 32));
            if (_random.NextDouble() < rate)
            {
                times[i++] = t;
            }
        }

        Array.Sort(times);
        return times;
    }

    private string RequestId() => _random.NextInt64().ToString("x16", CultureInfo.InvariantCulture);

    private sealed record SyntheticConnection(long Id, int ClientPort, int Remaining);
}
