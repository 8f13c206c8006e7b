using System.Globalization;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Har;

/// <summary>The absolute URL of a request, as HAR wants it: <c>http://</c>, the Host header (else the server's address) and the target.</summary>
internal static class HarUrl
{
    private const string Scheme = "http://";
    private const int DefaultPort = 80;

    public static string Of(ExchangeRecord exchange)
    {
        var target = exchange.Uri;

        // Absolute-form (a request to a proxy) already is the URL.
        if (target is not null && target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('/'))
        {
            return target;
        }

        var authority = string.IsNullOrEmpty(exchange.Host) ? ServerAuthority(exchange) : exchange.Host;

        // Origin-form as sent; the authority-form of CONNECT and the asterisk-form of OPTIONS have no path.
        return target is not null && target.StartsWith('/') ? $"{Scheme}{authority}{target}" : $"{Scheme}{authority}/";
    }

    private static string ServerAuthority(ExchangeRecord exchange)
    {
        var host = exchange.ServerIp.Contains(':', StringComparison.Ordinal) ? $"[{exchange.ServerIp}]" : exchange.ServerIp;
        return exchange.ServerPort == DefaultPort ? host : $"{host}:{exchange.ServerPort.ToString(CultureInfo.InvariantCulture)}";
    }
}
