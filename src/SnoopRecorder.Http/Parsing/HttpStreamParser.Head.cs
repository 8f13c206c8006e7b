using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

internal sealed partial class HttpStreamParser
{
    private long _lineFirstTimestampNs;
    private long _lineFirstPacketIndex;
    private long _lineLastTimestampNs;
    private long _lineLastPacketIndex;
    private long _lineFirstOffset = -1;
    private long _lineFirstAcknowledged = -1;

    // True at the start of the stream and right after a whole message; false once junk or a gap was seen.
    private bool _atBoundary = true;

    // Between messages and while resynchronising alike: a line is a start line or it is dropped. After a gap or
    // junk this finds the next message at the first line start that reads as one (RFC 9112 §2.2 also allows
    // empty lines before a request line).
    private int ReadStartLine(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        if (_lines.IsEmpty)
        {
            if (data[0] != (byte)'H' && TryBeginVersionlessResponse(timestampNs, packetIndex))
            {
                return 0;
            }

            if (!CanBeginLine(data[0]))
            {
                _state = ParserState.SkipLine;
                return 0;
            }

            _lineFirstTimestampNs = timestampNs;
            _lineFirstPacketIndex = packetIndex;
            _lineFirstOffset = StepOffset;
            _lineFirstAcknowledged = _chunkAcknowledged;
        }

        _lineLastTimestampNs = timestampNs;
        _lineLastPacketIndex = packetIndex;
        var status = _lines.ReadLine(data, _options.MaxHeaderSectionBytes, out var consumed);
        if (status == LineStatus.TooLong)
        {
            // A start line beyond the head limit (a 10 MB request-target): report what fitted, drop the rest.
            CutStartLine(MalformedIssue);
            SkipRestOfLine();
        }
        else if (status == LineStatus.LineComplete)
        {
            var line = _lines.CurrentLine;
            if (line.IsEmpty)
            {
                _lines.Clear();
            }
            else if (!TryBeginMessage(line, timestampNs, packetIndex) && !TryBeginVersionlessResponse(timestampNs, packetIndex))
            {
                _lines.Clear();
                _atBoundary = false;
            }
        }

        return consumed;
    }

    private bool CanBeginLine(byte first) => first is HttpSyntax.Cr or HttpSyntax.Lf || Role switch
    {
        StreamRole.Server => first == (byte)'H',
        _ => HttpSyntax.IsTokenByte(first),
    };

    private int SkipLine(ReadOnlySpan<byte> data)
    {
        var lf = data.IndexOf(HttpSyntax.Lf);
        if (lf < 0)
        {
            return data.Length;
        }

        _state = ParserState.StartLine;
        return lf + 1;
    }

    private void SkipRestOfLine()
    {
        if (_state == ParserState.StartLine)
        {
            _lines.Clear();
            _state = ParserState.SkipLine;
        }
    }

    private bool TryBeginMessage(ReadOnlySpan<byte> line, long timestampNs, long packetIndex)
    {
        // A defective request line (no target, a broken version) is trusted only right after a whole message, so a
        // line of junk met while resynchronising cannot pass for one.
        var isRequest = Role != StreamRole.Server
            && (HttpSyntax.TrySplitRequestLine(line, out _, out _, out _)
                || (_atBoundary && HttpSyntax.TrySplitDefectiveRequestLine(line, out _, out _, out _)));
        if (!isRequest && Role == StreamRole.Client && _atBoundary && HttpSyntax.IsVersionlessRequestLine(line))
        {
            // HTTP/0.9-style: the request is this line alone (RFC 9112 Appendix C.1). Trusted only right after a
            // whole message, never while resynchronising, so junk cannot pass for a request.
            StartMessage();
            _message!.Touch(timestampNs, packetIndex);
            _state = ParserState.Head;
            CompleteHead();
            return true;
        }

        if (!isRequest && (Role == StreamRole.Client || !HttpSyntax.TryParseStatusLine(line, out _, out _)))
        {
            return false;
        }

        if (Role == StreamRole.Unknown)
        {
            _listener.OnRoleDetected(this, isRequest ? StreamRole.Client : StreamRole.Server);
        }

        StartMessage();
        _message!.Touch(timestampNs, packetIndex);
        _state = ParserState.Head;
        return true;
    }

    private void StartMessage()
    {
        _message = new ParsedMessage(_lineFirstTimestampNs, _lineFirstPacketIndex)
        {
            Issues = _carriedIssues | TakeLineConflict(),
            StreamOffset = _lineFirstOffset,
            Acknowledged = _lineFirstAcknowledged,
            LostFromOffset = _carriedGapOffset,
        };
        _message.Touch(_lineLastTimestampNs, _lineLastPacketIndex);
        _carriedIssues = ExchangeIssues.None;
        _carriedGapOffset = -1;
    }

    private int ReadHead(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        var status = _lines.ReadLine(data, _options.MaxHeaderSectionBytes, out var consumed);
        _message!.Touch(timestampNs, packetIndex);
        if (status == LineStatus.TooLong)
        {
            FailHead(MalformedIssue);
            SkipRestOfLine();
        }
        else if (status == LineStatus.LineComplete)
        {
            if (_lines.CurrentLine.IsEmpty)
            {
                CompleteHead();
            }
            else if (_lines.LineCount - 1 > _options.MaxHeaderCount)
            {
                // The remaining field lines are dropped line by line as the parser resynchronises.
                FailHead(MalformedIssue);
            }
        }

        return consumed;
    }

    private void CompleteHead()
    {
        var message = _message!;
        bool wellFormed;
        if (Role == StreamRole.Client)
        {
            var request = Http1HeadParser.ParseRequest(_lines.Content, _options.MaxHeaderCount, out wellFormed);
            message.RequestHead = request;
            message.HeldBytes += _lines.TakeCharge();
            MarkMalformedUnless(wellFormed);
            _lines.Clear();
            _listener.OnRequestHead(message);
            StartBody(MessageFramer.ForRequest(request.Headers));
            return;
        }

        // The status line was validated when the message began, so the head always parses.
        message.ResponseHead = Http1HeadParser.ParseResponse(_lines.Content, _options.MaxHeaderCount, message.FirstTimestampNs, out wellFormed);
        message.HeldBytes += _lines.TakeCharge();
        MarkMalformedUnless(wellFormed);
        _lines.Clear();

        // A response's framing depends on its request's method (HEAD, CONNECT): wait for it when it is not parsed yet.
        if (!_listener.TryPairResponse(message, !_mayWait, out var requestMethod))
        {
            _state = ParserState.AwaitingPairing;
            return;
        }

        ContinueResponse(requestMethod);
    }

    private void MarkMalformedUnless(bool wellFormed)
    {
        if (!wellFormed)
        {
            _message!.Issues |= MalformedIssue;
        }
    }

    /// <summary>The head was cut (limit, gap, end): report what was whole, then resynchronise.</summary>
    private void FailHead(ExchangeIssues issues)
    {
        var message = _message!;
        message.Issues |= issues;
        if (Role == StreamRole.Client)
        {
            message.RequestHead = Http1HeadParser.ParseRequest(_lines.Content, _options.MaxHeaderCount, out _);
            message.HeldBytes += _lines.TakeCharge();
            _listener.OnRequestHead(message);
        }
        else
        {
            message.ResponseHead = Http1HeadParser.ParseResponse(_lines.Content, _options.MaxHeaderCount, message.FirstTimestampNs, out _);
            if (message.ResponseHead is null)
            {
                DropMessage();
                return;
            }

            message.HeldBytes += _lines.TakeCharge();
            _listener.TryPairResponse(message, force: true, out _);
        }

        CompleteMessage();
    }

    /// <summary>A start line cut before its end: a message when it already reads as the beginning of one.</summary>
    private bool CutStartLine(ExchangeIssues issues)
    {
        var line = _lines.CurrentLine;
        var plausible = Role switch
        {
            StreamRole.Client => HttpSyntax.LooksLikeRequestLineStart(line),
            StreamRole.Server => HttpSyntax.TryParseStatusLine(line, out _, out _),
            _ => false,
        };
        if (!plausible)
        {
            _lines.Clear();
            return false;
        }

        StartMessage();
        FailHead(issues);
        return true;
    }

    private void DropMessage()
    {
        _atBoundary = _message is { IsFinished: true } && (_message.Issues & ExchangeIssues.IncompleteMask) == 0;
        _message = null;
        _lines.Clear();
        _state = IsEnded ? ParserState.Ended : ParserState.StartLine;
    }
}
