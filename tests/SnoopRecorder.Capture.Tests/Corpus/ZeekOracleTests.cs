using System.Text;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// Zeek's http.log baselines are the oracle for request/response pairing: every (method, host, uri, status) row Zeek
/// logs for a trace must be an exchange SnoopRecorder finds, and SnoopRecorder must find no others. Baselines cut to
/// fewer columns (btest-diff-cut) are compared on the columns they kept.
/// </summary>
public sealed class ZeekOracleTests
{
    private static readonly string[] ComparedColumns = ["method", "host", "uri", "status_code"];

    /// <summary>Traces where Zeek and SnoopRecorder disagree by design, each with the reason.</summary>
    private static readonly Dictionary<string, string> Differences = new()
    {
        ["tunnels/Teredo.pcap"] = "HTTP over IPv6 inside Teredo (UDP 3544): tunnel decapsulation is not supported",
        ["tunnels/ayiya3.pcap"] = "HTTP over IPv6 inside AYIYA (UDP 5072): tunnel decapsulation is not supported",
        ["tunnels/gre-over-udp-4754.pcap"] = "HTTP inside GRE over UDP (port 4754): tunnel decapsulation is not supported",
        ["tunnels/vxlan-encapsulated-http.pcap"] = "HTTP inside VXLAN (UDP 4789): tunnel decapsulation is not supported",
        ["snap-tcp.pcap"] = "IEEE 802.3 frames (length 0x0030) with an LLC/SNAP header (AA AA 03, type 0x0800) before IPv4: the "
            + "packet decoder does not read 802.2 LLC/SNAP, so the GET / and its 200 are never seen (a decoder gap, reported)",
    };

    /// <summary>
    /// Where Zeek and the bytes disagree, the bytes win: rows (in the baseline's compared columns, space-separated)
    /// removed from and added to Zeek's, each with what the capture holds.
    /// </summary>
    private static readonly Dictionary<string, (string[] Remove, string[] Add)> Corrections = new()
    {
        // After each HTTP/0.9 exchange Zeek logs a second, empty transaction (trans_depth 2: no method, URI or status);
        // the client sent nothing but the one request line. "T /zeek.html\n" is a versionless request line too, and
        // the server answered it ("bad method\n", no status line); Zeek refuses 0.9 methods shorter than 3 bytes.
        ["http/http_09.pcap"] = (["- - - -", "- - - -"], ["T - /zeek.html 0"]),
        ["http/no-version.pcap"] = (["- - - -"], []),

        // "METHOD /HTTP/1.1" (no space before HTTP/1.1) has no version: an HTTP/0.9 request line, which has no field
        // lines, so the "Host:" line after it is not its Host (RFC 1945 §4.1). Google answered each with a status line
        // ("HTTP/1.0 403 Forbidden", "400 Bad Request", "411 Length Required"), which SnoopRecorder reads; Zeek takes
        // every reply byte after a 0.9 request as body and logs status 0.
        ["http/methods.pcap"] = (
            ["GET www.google.com /HTTP/1.1 0", "CCM_POST www.google.com /HTTP/1.1 0", "CONNECT www.google.com /HTTP/1.1 0",
                "TRACE www.google.com /HTTP/1.1 0", "DELETE www.google.com /HTTP/1.1 0", "PUT www.google.com /HTTP/1.1 0",
                "POST www.google.com /HTTP/1.1 0", "HEAD www.google.com /HTTP/1.1 0"],
            ["GET - /HTTP/1.1 403", "CCM_POST - /HTTP/1.1 400", "CONNECT - /HTTP/1.1 400", "TRACE - /HTTP/1.1 400",
                "DELETE - /HTTP/1.1 400", "PUT - /HTTP/1.1 411", "POST - /HTTP/1.1 411", "HEAD - /HTTP/1.1 400"]),

        // After the 301 the client sends "T / HTTP\r\n\r\n" (not a request line: no version, a space in the target);
        // nginx answers "400 Bad Request" and closes. SnoopRecorder records that response without a request; Zeek's
        // analyzer gives up at the bad line and logs nothing more.
        ["http/http-11-request-then-cruft.pcap"] = ([], ["- - - 400"]),

        // The capture starts mid-connection (no SYN): Zeek skips it, SnoopRecorder records GET / and its 304.
        ["wikipedia.pcap"] = ([], ["GET www.wikipedia.org / 304"]),

        // The 101 switches to WebSocket; Zeek parses the HTTP carried inside the WebSocket frames (GET / to zeek.org)
        // and files its 301 on the outer upgrade row. SnoopRecorder records the upgrade with its real status, 101,
        // and does not parse inside the tunnel.
        ["websocket/wstunnel-http.pcap"] = (["localhost:8888 /v1/events 301", "zeek.org / -"], ["localhost:8888 /v1/events 101"]),
    };

    public static TheoryData<string, string> Baselines()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>();
        foreach (var line in File.ReadLines(CorpusFiles.PathOf("zeek/ORACLE_INDEX.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            var (trace, baseline, command) = (columns[0], columns[1], columns[3]);
            // Only baselines of a plain run over one trace: logs filtered by a second run are not comparable.
            if (!columns[5].Split(' ').Contains("http.log") || command.Contains("&& zeek", StringComparison.Ordinal)
                || !File.Exists(CorpusFiles.PathOf($"zeek/baselines/{baseline}/http.log")) || Differences.ContainsKey(trace)
                || !seen.Add(trace))
            {
                continue;
            }

            data.Add(trace, baseline);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Analysis_PairsWhatZeekPairs(string trace, string baseline)
    {
        var (columns, expected) = ZeekRows(CorpusFiles.PathOf($"zeek/baselines/{baseline}/http.log"));
        if (Corrections.TryGetValue(trace, out var correction))
        {
            foreach (var row in correction.Remove)
            {
                Assert.True(expected.Remove(row), $"correction removes a row Zeek did not log: {row}");
            }

            expected.AddRange(correction.Add);
            expected.Sort(StringComparer.Ordinal);
        }

        var (_, sink) = CollectingSink.Analyze(CorpusFiles.PathOf($"zeek/traces/{trace}"));
        var actual = sink.Exchanges.Select(e => Row(columns, ZeekFields(e.Exchange))).Order(StringComparer.Ordinal).ToList();

        var missing = Subtract(expected, actual);
        var extra = Subtract(actual, expected);
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"columns: {string.Join(' ', columns)}\nmissing:\n  {string.Join("\n  ", missing)}\nextra:\n  {string.Join("\n  ", extra)}");
    }

    [Fact]
    public void ZeekUri_DecodesPercentEscapesAndEscapesUnprintableBytes()
    {
        Assert.Equal("/a b/\\xfc%zz/%", ZeekUri("/a%20b/%FC%zz%%2F%"));
        Assert.Equal("(empty)", ZeekUri(string.Empty));
    }

    /// <summary>The compared columns the baseline has, and its rows projected onto them.</summary>
    private static (string[] Columns, List<string> Rows) ZeekRows(string log)
    {
        string[]? fields = null;
        var rows = new List<string>();
        foreach (var line in File.ReadLines(log))
        {
            if (line.StartsWith("#fields", StringComparison.Ordinal))
            {
                fields = line.Split('\t')[1..];
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                var values = line.Split('\t');
                if (fields is null)
                {
                    // btest-diff-cut writes the kept column names as a plain first line.
                    fields = values;
                    continue;
                }

                rows.Add(Row(ComparedColumns.Where(fields.Contains).ToArray(),
                    name => values[Array.IndexOf(fields, name)]));
            }
        }

        var columns = ComparedColumns.Where(c => fields?.Contains(c) == true).ToArray();
        Assert.NotEmpty(columns);
        rows.Sort(StringComparer.Ordinal);
        return (columns, rows);
    }

    /// <summary>An exchange's fields the way Zeek's http.log writes them.</summary>
    private static Func<string, string> ZeekFields(HttpExchange exchange) => name => name switch
    {
        "method" => exchange.Request?.Method ?? "-",
        "host" => exchange.Request?.Headers.FirstOrDefault(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value is { } host
            ? ZeekString(host) : "-",
        "uri" => exchange.Request is { } request ? ZeekUri(request.Target) : "-",
        // Zeek's status_code is the last status seen: the interim one when no final one came.
        "status_code" => (exchange.Response ?? exchange.InterimResponses.LastOrDefault())?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Row(string[] columns, Func<string, string> value) => string.Join(' ', columns.Select(value));

    private static List<string> Subtract(List<string> from, List<string> remove)
    {
        var result = new List<string>(from);
        foreach (var row in remove)
        {
            result.Remove(row);
        }

        return result;
    }

    /// <summary>
    /// Zeek logs the URI percent-decoded (its unescape_URI: "%%" drops the first '%', "%uXXXX" is decoded, a bad
    /// escape is kept as is), then escaped for the log like any string.
    /// </summary>
    private static string ZeekUri(string target)
    {
        var raw = Encoding.Latin1.GetBytes(target);
        var decoded = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                decoded.Add(raw[i]);
            }
            else if (i + 1 >= raw.Length)
            {
                decoded.Add((byte)'%');
            }
            else if (i + 2 >= raw.Length)
            {
                decoded.Add((byte)'%');
                decoded.Add(raw[i + 1]);
                break;
            }
            else if (raw[i + 1] == '%')
            {
                // Zeek drops the first '%' and reads the second as a new escape.
            }
            else if (IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                decoded.Add(Convert.ToByte(target.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (raw.Length - (i + 1) >= 5 && raw[i + 1] == 'u' && raw.AsSpan(i + 2, 4).ToArray().All(IsHex))
            {
                if (target.Substring(i + 2, 2) != "00")
                {
                    decoded.Add(Convert.ToByte(target.Substring(i + 2, 2), 16));
                }

                decoded.Add(Convert.ToByte(target.Substring(i + 4, 2), 16));
                i += 5;
            }
            else
            {
                decoded.Add((byte)'%');
                decoded.Add(raw[i + 1]);
                i++;
            }
        }

        return ZeekString(Encoding.Latin1.GetString(decoded.ToArray()));
    }

    /// <summary>Zeek's ASCII log escaping: bytes outside printable ASCII as \xNN, the empty string as "(empty)".</summary>
    private static string ZeekString(string value)
    {
        if (value.Length == 0)
        {
            return "(empty)";
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);
}
