using System.Text;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Turns the buffered bytes of a head (start line and field lines) into a request or response head. Strings are made
/// here, once per message. Heads cut short (limits, gaps, end of stream) parse leniently: whatever is whole is kept.
/// </summary>
internal static class Http1HeadParser
{
    private const string UnknownVersion = "";

    public static HttpRequestHead ParseRequest(ReadOnlySpan<byte> head, int maxHeaders, out bool wellFormed)
    {
        var startLine = FirstLine(head, out var rest);
        string method;
        string target;
        string version;
        if (HttpSyntax.TrySplitRequestLine(startLine, out var methodRange, out var targetRange, out var versionRange))
        {
            method = Encoding.Latin1.GetString(startLine[methodRange]);
            target = Encoding.Latin1.GetString(startLine[targetRange]);
            version = Encoding.Latin1.GetString(startLine[versionRange]);
            wellFormed = true;
        }
        else if (HttpSyntax.TrySplitDefectiveRequestLine(startLine, out methodRange, out targetRange, out versionRange))
        {
            method = Encoding.Latin1.GetString(startLine[methodRange]);
            target = Encoding.Latin1.GetString(startLine[targetRange]);
            version = Encoding.Latin1.GetString(startLine[versionRange]);
            wellFormed = false;
        }
        else
        {
            // A request line cut short: method up to the first space, the rest as target.
            var space = startLine.IndexOf(HttpSyntax.Space);
            method = Encoding.Latin1.GetString(space < 0 ? startLine : startLine[..space]);
            target = space < 0 ? string.Empty : Encoding.Latin1.GetString(startLine[(space + 1)..]);
            var versionless = HttpSyntax.IsVersionlessRequestLine(startLine);
            version = versionless ? HttpSyntax.Http09Version : UnknownVersion;
            wellFormed = versionless;
        }

        wellFormed &= HeaderFieldParser.TryParse(rest, maxHeaders, out var headers);
        return new HttpRequestHead { Method = method, Target = target, Version = version, Headers = headers };
    }

    /// <summary>Null when not even the status line is there.</summary>
    public static HttpResponseHead? ParseResponse(ReadOnlySpan<byte> head, int maxHeaders, long startedAtNs, out bool wellFormed)
    {
        var startLine = FirstLine(head, out var rest);
        if (!HttpSyntax.TryParseStatusLine(startLine, out var statusCode, out var reason))
        {
            wellFormed = false;
            return null;
        }

        wellFormed = HeaderFieldParser.TryParse(rest, maxHeaders, out var headers);
        return new HttpResponseHead
        {
            Version = Encoding.Latin1.GetString(startLine[..HttpSyntax.VersionLength]),
            StatusCode = statusCode,
            Reason = Encoding.Latin1.GetString(startLine[reason]),
            Headers = headers,
            StartedAtNs = startedAtNs,
        };
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> head, out ReadOnlySpan<byte> rest)
    {
        var lf = head.IndexOf(HttpSyntax.Lf);
        if (lf < 0)
        {
            rest = default;
            return HttpSyntax.TrimLineEnding(head);
        }

        rest = head[(lf + 1)..];
        return HttpSyntax.TrimLineEnding(head[..(lf + 1)]);
    }
}
