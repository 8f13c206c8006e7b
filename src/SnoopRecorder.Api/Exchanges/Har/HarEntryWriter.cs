using System.Globalization;
using System.Text.Json;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Har;

/// <summary>Writes one exchange as a HAR 1.2 entry: its request, response, timings and where it went.</summary>
/// <remarks>
/// Beyond the specification, an entry carries <c>_exchangeId</c> (the exchange's id in this service) and, when the
/// exchange has issues (something not captured, a truncated body, a tunnel, bytes with a conflicting copy), a
/// <c>comment</c> listing them; HAR readers ignore fields they do not know.
/// </remarks>
internal sealed partial class HarEntryWriter(Utf8JsonWriter json, int maxDecodedBodyBytes, bool qualifyConnections)
{
    private const double NanosecondsPerMillisecond = 1_000_000d;

    private readonly Utf8JsonWriter _json = json;
    private readonly int _maxDecodedBodyBytes = maxDecodedBodyBytes;
    private readonly bool _qualifyConnections = qualifyConnections;

    public void Write(ExchangeDetail detail, MessageBody request, MessageBody response)
    {
        var exchange = detail.Exchange;

        // Only the packet times of the first request byte and the last response byte are recorded: the whole time is
        // known, how it splits into sending, waiting and receiving is not.
        var time = Math.Max(0, exchange.EndedNs - exchange.StartedNs) / NanosecondsPerMillisecond;
        _json.WriteStartObject();
        _json.WriteString("startedDateTime", StartedDateTime(exchange.StartedNs));
        _json.WriteNumber("time", time);
        WriteRequest(detail, request);
        WriteResponse(detail, response);
        _json.WriteStartObject("cache");
        _json.WriteEndObject();
        WriteTimings(time);
        _json.WriteString("serverIPAddress", exchange.ServerIp);
        _json.WriteString("connection", _qualifyConnections
            ? $"{exchange.SessionId}/{exchange.ConnectionId.ToString(CultureInfo.InvariantCulture)}"
            : exchange.ConnectionId.ToString(CultureInfo.InvariantCulture));
        _json.WriteNumber("_exchangeId", exchange.Id);
        if (ExchangeIssueNames.Of(exchange.Issues) is { Count: > 0 } issues)
        {
            _json.WriteString("comment", $"issues: {string.Join(", ", issues)}");
        }

        _json.WriteEndObject();
    }

    /// <summary>
    /// ISO 8601 in UTC with milliseconds, the precision of the specification's examples and of what browsers export:
    /// some readers parse the fraction as milliseconds whatever its length.
    /// </summary>
    internal static string StartedDateTime(long unixNs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, unixNs) / 1_000_000)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // The phases must add up to 'time' (-1 marks one as not applicable): all of it is counted as waiting.
    private void WriteTimings(double time)
    {
        _json.WriteStartObject("timings");
        _json.WriteNumber("blocked", -1);
        _json.WriteNumber("dns", -1);
        _json.WriteNumber("connect", -1);
        _json.WriteNumber("send", 0);
        _json.WriteNumber("wait", time);
        _json.WriteNumber("receive", 0);
        _json.WriteNumber("ssl", -1);
        _json.WriteEndObject();
    }

    private void WriteHeaders(IReadOnlyList<HeaderRecord> headers)
    {
        _json.WriteStartArray("headers");
        foreach (var header in headers)
        {
            WriteNameValue(header.Name, header.Value);
        }

        _json.WriteEndArray();
    }

    private void WriteNameValues(string propertyName, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        _json.WriteStartArray(propertyName);
        foreach (var (name, value) in pairs)
        {
            WriteNameValue(name, value);
        }

        _json.WriteEndArray();
    }

    private void WriteNameValue(string name, string value)
    {
        _json.WriteStartObject();
        _json.WriteString("name", name);
        _json.WriteString("value", value);
        _json.WriteEndObject();
    }

    private static string? HeaderValue(IReadOnlyList<HeaderRecord> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value.Trim();

    private static IEnumerable<string> HeaderValues(IReadOnlyList<HeaderRecord> headers, string name) =>
        headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
