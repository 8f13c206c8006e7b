namespace SnoopRecorder.TestSupport.Fuzzing;

public sealed partial class CaptureMutator
{
    private static readonly string[] HttpTokens =
    [
        "\r\n", "\r\n\r\n", "\n", "\r", ":", " ", "\0", "0\r\n\r\n", "FFFFFFFFFFFFFFFF\r\n", "-1",
        "Content-Length: 99999999999\r\n", "Content-Length: 0\r\n", "Transfer-Encoding: chunked\r\n",
        "Content-Encoding: gzip\r\n", "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\n", "GET / HTTP/1.1\r\n",
        "CONNECT a:443 HTTP/1.1\r\n\r\n", "Upgrade: h2c\r\n", " \t\r\n folded\r\n",
    ];

    private static string OverwriteHttpText(List<CaptureRecord> records, Random random)
    {
        // The payload of a TCP packet starts at least 40 bytes into its frame (IPv4 and TCP headers without options).
        const int MinHeaders = 40;
        var packets = records.Select((r, i) => (r, i)).Where(p => p.r.IsPacket && p.r.Bytes.Length > p.r.FrameOffset + MinHeaders).ToList();
        if (packets.Count == 0)
        {
            return "no payload";
        }

        var (record, index) = packets[random.Next(packets.Count)];
        var bytes = (byte[])record.Bytes.Clone();
        var payloadStart = record.FrameOffset + MinHeaders;
        var digits = FindNumbers(bytes, payloadStart);
        string what;
        if (digits.Count > 0 && random.Next(2) == 0)
        {
            // A number of the message made extreme, in place: a Content-Length, a chunk size, a status code.
            var (at, length) = digits[random.Next(digits.Count)];
            var fill = "9F0"[random.Next(3)];
            bytes.AsSpan(at, length).Fill((byte)fill);
            what = $"number at {at} ({length} digits) -> {new string(fill, length)}";
        }
        else
        {
            var token = HttpTokens[random.Next(HttpTokens.Length)];
            var at = payloadStart + random.Next(bytes.Length - payloadStart);
            var written = Math.Min(token.Length, bytes.Length - at);
            for (var i = 0; i < written; i++)
            {
                bytes[at + i] = (byte)token[i];
            }

            what = $"{token.ReplaceLineEndings("\\n").Replace("\0", "\\0", StringComparison.Ordinal)} at {at}";
        }

        records[index] = record with { Bytes = bytes };
        return $"record {index}: {what}";
    }

    /// <summary>Runs of hex digits that follow a space, a colon or a line start: header values and chunk sizes.</summary>
    private static List<(int At, int Length)> FindNumbers(byte[] bytes, int from)
    {
        var runs = new List<(int, int)>();
        for (var i = from; i < bytes.Length; i++)
        {
            if (!char.IsAsciiHexDigit((char)bytes[i]) || bytes[i - 1] is not ((byte)' ' or (byte)':' or (byte)'\n'))
            {
                continue;
            }

            var end = i;
            while (end < bytes.Length && char.IsAsciiHexDigit((char)bytes[end]))
            {
                end++;
            }

            runs.Add((i, end - i));
            i = end;
        }

        return runs;
    }
}
