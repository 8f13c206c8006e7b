using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>Message body length rules of RFC 9112 §6.3, in their order of precedence.</summary>
internal static class MessageFramer
{
    private const int SwitchingProtocols = 101;
    private const int NoContent = 204;
    private const int NotModified = 304;

    public static FramingDecision ForRequest(IReadOnlyList<HttpHeader> headers)
    {
        var transferEncoding = FindTransferEncoding(headers, out var present);
        if (present)
        {
            // §6.3 rule 4: a request whose final coding is not chunked has no determinable length.
            return transferEncoding ? new FramingDecision(BodyFraming.Chunked) : FramingDecision.Invalid;
        }

        return ForContentLength(headers, BodyFraming.None);
    }

    /// <summary>Framing of a response; <paramref name="requestMethod"/> is null when the request is unknown (treated as GET).</summary>
    public static FramingDecision ForResponse(int statusCode, string? requestMethod, IReadOnlyList<HttpHeader> headers)
    {
        if (statusCode == SwitchingProtocols)
        {
            return new FramingDecision(BodyFraming.Tunnel);
        }

        if (requestMethod == "CONNECT" && statusCode is >= 200 and < 300)
        {
            return new FramingDecision(BodyFraming.Tunnel);
        }

        if (requestMethod == "HEAD" || statusCode < 200 || statusCode is NoContent or NotModified)
        {
            return FramingDecision.NoBody;
        }

        var chunked = FindTransferEncoding(headers, out var present);
        if (present)
        {
            // Transfer-Encoding overrides Content-Length; without chunked last, the body runs to the close.
            return new FramingDecision(chunked ? BodyFraming.Chunked : BodyFraming.CloseDelimited);
        }

        return ForContentLength(headers, BodyFraming.CloseDelimited);
    }

    /// <summary>True when the last transfer coding over all Transfer-Encoding fields is chunked.</summary>
    private static bool FindTransferEncoding(IReadOnlyList<HttpHeader> headers, out bool present)
    {
        present = false;
        var chunkedLast = false;
        for (var i = 0; i < headers.Count; i++)
        {
            if (!headers[i].Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = headers[i].Value.AsSpan();
            foreach (var range in value.Split(','))
            {
                var coding = value[range];
                var parameters = coding.IndexOf(';');
                coding = (parameters >= 0 ? coding[..parameters] : coding).Trim(" \t");
                if (!coding.IsEmpty)
                {
                    present = true;
                    chunkedLast = coding.Equals("chunked", StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return chunkedLast;
    }

    private static FramingDecision ForContentLength(IReadOnlyList<HttpHeader> headers, BodyFraming otherwise)
    {
        long? length = null;
        for (var i = 0; i < headers.Count; i++)
        {
            if (!headers[i].Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // §6.3 rule 5: a list of identical values is one value; differing or invalid values are an error.
            var value = headers[i].Value.AsSpan();
            foreach (var range in value.Split(','))
            {
                var element = value[range].Trim(" \t");
                if (element.IsEmpty || element.ContainsAnyExceptInRange('0', '9')
                    || !long.TryParse(element, System.Globalization.NumberStyles.None, null, out var parsed)
                    || (length is not null && length != parsed))
                {
                    return FramingDecision.Invalid;
                }

                length = parsed;
            }
        }

        return length switch
        {
            null => new FramingDecision(otherwise),
            0 => FramingDecision.NoBody,
            _ => new FramingDecision(BodyFraming.ContentLength, length.Value),
        };
    }
}
