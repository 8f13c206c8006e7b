namespace SnoopRecorder.Http.Parsing;

internal sealed partial class HttpStreamParser
{
    // Where the bytes of the gap being handled begin (-1: not known), and, once carried to the next message, where the
    // first loss since the previous message began.
    private long _gapLostFrom = -1;
    private long _carriedGapOffset = -1;

    /// <summary>
    /// <paramref name="length"/> bytes (-1: unknown) of this direction were never captured. Inside a body of known
    /// length they are counted and framing goes on; anywhere else the current message is flagged and the parser
    /// resynchronises at the next start line. <paramref name="streamOffset"/> is where the lost bytes begin in this
    /// direction's stream (-1: not known).
    /// </summary>
    public void Gap(long length, long timestampNs, long packetIndex, long streamOffset)
    {
        if (IsEnded)
        {
            return;
        }

        _gapLostFrom = streamOffset;
        switch (_state)
        {
            case ParserState.AwaitingPairing:
                DeferEvent(isEnd: false, length, timestampNs, packetIndex, streamOffset);
                return;
            case ParserState.Tunnel:
                return;
            case ParserState.LengthBody:
                GapInLengthBody(length);
                return;
            case ParserState.CloseBody:
                // Everything up to the close is body: the gap costs bytes, not framing.
                _body.Skip(length);
                _message!.Issues |= GapIssue;
                return;
            case ParserState.ChunkedBody:
                _message!.Issues |= GapIssue;
                if (!_chunked.TrySkipData(length, _body))
                {
                    _message.Issues |= MalformedIssue;
                    KeepTrailers();
                    CompleteMessage();
                    Resynchronise(carryGap: false);
                }

                return;
            case ParserState.Head:
                FailHead(GapIssue | MalformedIssue);
                Resynchronise(carryGap: false);
                return;
            case ParserState.StartLine when !_lines.IsEmpty:
                Resynchronise(carryGap: !CutStartLine(GapIssue | MalformedIssue));
                return;
            default:
                Resynchronise(carryGap: true);
                return;
        }
    }

    /// <summary>This direction ended (FIN/RST): a close-delimited body ends here, anything else unfinished is cut.</summary>
    public void End(long timestampNs, long packetIndex)
    {
        if (IsEnded)
        {
            return;
        }

        if (_state == ParserState.AwaitingPairing)
        {
            DeferEvent(isEnd: true, 0, timestampNs, packetIndex, streamOffset: -1);
            return;
        }

        IsEnded = true;
        switch (_state)
        {
            case ParserState.CloseBody:
                CompleteMessage();
                break;
            case ParserState.LengthBody or ParserState.ChunkedBody:
                _message!.Issues |= IncompleteIssue;
                KeepTrailers();
                CompleteMessage();
                break;
            case ParserState.Head:
                FailHead(IncompleteIssue);
                break;
            case ParserState.StartLine when !_lines.IsEmpty:
                if (TryBeginVersionlessResponse(timestampNs, packetIndex))
                {
                    CompleteMessage();
                }
                else
                {
                    CutStartLine(IncompleteIssue);
                }

                break;
        }

        _state = ParserState.Ended;
        _lines.Clear();
    }

    /// <summary>The conversation closes: stop waiting, then end.</summary>
    public void Finish(long timestampNs)
    {
        ForceResume();
        End(timestampNs, -1);
    }

    private void GapInLengthBody(long length)
    {
        var skipped = length < 0 ? _remaining : Math.Min(length, _remaining);
        _body.Skip(skipped);
        _remaining -= skipped;
        _message!.Issues |= GapIssue;
        if (_remaining > 0)
        {
            return;
        }

        // The gap may reach past the body into the next message(s): the position is unknown then.
        var overran = length < 0 || length > skipped;
        CompleteMessage();
        if (overran)
        {
            // What was lost after this message begins where its body ended.
            _gapLostFrom = _gapLostFrom < 0 ? -1 : _gapLostFrom + skipped;
            Resynchronise(carryGap: true);
        }
    }

    private void Resynchronise(bool carryGap)
    {
        if (_state is ParserState.Tunnel or ParserState.Ended or ParserState.AwaitingPairing)
        {
            return;
        }

        _lines.Clear();
        _state = ParserState.StartLine;
        _atBoundary = false;

        // Lost server bytes may have held a whole response: the next one found says so, and where the loss began, so
        // that pairing can tell by the client's acknowledgments whether requests went unanswered in it.
        if (carryGap && Role == StreamRole.Server)
        {
            if ((_carriedIssues & GapIssue) == 0)
            {
                _carriedGapOffset = _gapLostFrom;
            }

            _carriedIssues |= GapIssue;
        }
    }
}
