using System.Globalization;
using System.Text;

namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>
/// Deterministic HTTP/1.1 requests in the shape curl, browsers and API clients send, and nginx-style responses with
/// Content-Length bodies (or, for some, chunked ones) from a few hundred bytes to 16 KB.
/// </summary>
internal sealed class HttpMessageFactory
{
    private const int MinBodyBytes = 200;
    private const int MaxBodyBytes = 16 * 1024;
    private const int ChunkBytes = 4096;
    private const int ChunkedPercent = 20;
    private const int PostPercent = 10;

    private static readonly string[] Paths =
    [
        "/", "/index.html", "/static/app.js", "/static/styles/main.css", "/api/v1/orders?page=2&limit=50",
        "/api/v1/users/1842/profile", "/images/logo-header.svg", "/search?q=container+networking&lang=en",
    ];

    private static readonly byte[] BodyText = Encoding.ASCII.GetBytes(
        "<div class=\"item\"><a href=\"/products/4711\">Stainless steel thermos, 750 ml</a><span class=\"price\">24.90</span></div>\n" +
        "{\"id\":1842,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\",\"roles\":[\"admin\",\"billing\"],\"active\":true}\n");

    private readonly Random _random;

    public HttpMessageFactory(Random random) => _random = random;

    public byte[] Request(string host, int exchange)
    {
        var path = Paths[_random.Next(Paths.Length)];
        var text = new StringBuilder();
        if (_random.Next(100) < PostPercent)
        {
            var json = $"{{\"orderId\":{exchange},\"items\":[{{\"sku\":\"A-{_random.Next(10000)}\",\"qty\":{_random.Next(1, 9)}}}],\"note\":\"leave at the door\"}}";
            text.Append(CultureInfo.InvariantCulture, $"POST /api/v1/orders HTTP/1.1\r\nHost: {host}\r\n")
                .Append("User-Agent: python-requests/2.31.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: application/json\r\n")
                .Append("Connection: keep-alive\r\nContent-Type: application/json\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {json.Length}\r\n\r\n{json}");
        }
        else if (_random.Next(2) == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n")
                .Append("sec-ch-ua: \"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"\r\n")
                .Append("sec-ch-ua-mobile: ?0\r\nsec-ch-ua-platform: \"Linux\"\r\nUpgrade-Insecure-Requests: 1\r\n")
                .Append("User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n")
                .Append("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n")
                .Append("Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document\r\n")
                .Append(CultureInfo.InvariantCulture, $"Referer: http://{host}/\r\nAccept-Encoding: gzip, deflate, br\r\nAccept-Language: en-GB,en;q=0.9\r\n")
                .Append(CultureInfo.InvariantCulture, $"Cookie: session=7f3a9c{exchange:x8}; theme=dark\r\n\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public byte[] Response(int exchange)
    {
        var bodyLength = _random.Next(MinBodyBytes, MaxBodyBytes + 1);
        var chunked = _random.Next(100) < ChunkedPercent;
        var head = new StringBuilder()
            .Append("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 11 Jun 2024 09:41:07 GMT\r\n")
            .Append("Content-Type: text/html; charset=utf-8\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {bodyLength}\r\nLast-Modified: Mon, 10 Jun 2024 17:02:44 GMT\r\n")
            .Append(CultureInfo.InvariantCulture, $"Connection: keep-alive\r\nETag: \"6667319{exchange:x4}-{bodyLength:x}\"\r\n")
            .Append("Cache-Control: max-age=3600\r\nX-Request-Id: 9d1c2b7e-55aa-4e0f-8c1e-2f6b0a7c3d41\r\n\r\n")
            .ToString();

        var message = new List<byte>(head.Length + bodyLength + 64);
        message.AddRange(Encoding.ASCII.GetBytes(head));
        var offset = 0;
        while (offset < bodyLength)
        {
            var length = chunked ? Math.Min(ChunkBytes, bodyLength - offset) : bodyLength;
            if (chunked)
            {
                message.AddRange(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            }

            for (var i = 0; i < length; i++)
            {
                message.Add(BodyText[(offset + i) % BodyText.Length]);
            }

            if (chunked)
            {
                message.AddRange("\r\n"u8.ToArray());
            }

            offset += length;
        }

        if (chunked)
        {
            message.AddRange("0\r\n\r\n"u8.ToArray());
        }

        return [.. message];
    }
}
