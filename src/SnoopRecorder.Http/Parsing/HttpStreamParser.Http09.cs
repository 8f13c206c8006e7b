using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

internal sealed partial class HttpStreamParser
{
    /// <summary>
    /// The answer to an HTTP/0.9 request is the bare body up to the close, without status line or header fields
    /// (RFC 9112 Appendix C.1, RFC 1945 §6). When the oldest unanswered request has no version and the server's
    /// bytes do not start with a status line, they begin such a response, recorded with version "HTTP/0.9" and
    /// status code 0 (none was sent). A server that answers with a status line anyway is parsed as usual.
    /// </summary>
    private bool TryBeginVersionlessResponse(long timestampNs, long packetIndex)
    {
        if (Role != StreamRole.Server || !_listener.AwaitsVersionlessResponse())
        {
            return false;
        }

        if (_lines.IsEmpty)
        {
            _lineFirstTimestampNs = _lineLastTimestampNs = timestampNs;
            _lineFirstPacketIndex = _lineLastPacketIndex = packetIndex;
            _lineFirstOffset = StepOffset;
            _lineFirstAcknowledged = _chunkAcknowledged;
        }

        StartMessage();
        var message = _message!;
        message.ResponseHead = new HttpResponseHead
        {
            Version = HttpSyntax.Http09Version,
            StatusCode = 0,
            Reason = string.Empty,
            Headers = [],
            StartedAtNs = message.FirstTimestampNs,
        };
        _listener.TryPairResponse(message, force: true, out _);
        _body.Reset(0);
        _body.Append(_lines.Content);
        _lines.Clear();
        _state = ParserState.CloseBody;
        return true;
    }
}
