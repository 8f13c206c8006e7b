namespace SnoopRecorder.Http.Parsing;

internal sealed partial class HttpStreamParser
{
    private void StartBody(FramingDecision decision)
    {
        if (decision.Malformed)
        {
            // No way to find the end of the body (RFC 9112 §6.3 rules 4–5): keep the head, resynchronise.
            _message!.Issues |= MalformedIssue;
            CompleteMessage();
            return;
        }

        switch (decision.Framing)
        {
            case BodyFraming.ContentLength:
                _remaining = decision.ContentLength;
                _body.Reset(_remaining);
                _state = ParserState.LengthBody;
                break;
            case BodyFraming.Chunked:
                _body.Reset(0);
                _chunked.Reset();
                _state = ParserState.ChunkedBody;
                break;
            case BodyFraming.CloseDelimited:
                _body.Reset(0);
                _state = ParserState.CloseBody;
                break;
            case BodyFraming.Tunnel:
                _message!.IsTunnel = true;
                CompleteMessage();
                break;
            default:
                CompleteMessage();
                break;
        }
    }

    private int ReadLengthBody(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        var take = (int)Math.Min(_remaining, data.Length);
        _body.Append(data[..take]);
        _remaining -= take;
        _message!.Touch(timestampNs, packetIndex);
        if (_remaining == 0)
        {
            CompleteMessage();
        }

        return take;
    }

    private int ReadCloseBody(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        _body.Append(data);
        _message!.Touch(timestampNs, packetIndex);
        return data.Length;
    }

    private int ReadChunkedBody(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        var status = _chunked.Decode(data, _body, out var consumed);
        _message!.Touch(timestampNs, packetIndex);
        if (status == ChunkedStatus.Malformed)
        {
            _message.Issues |= MalformedIssue;
        }

        if (status != ChunkedStatus.NeedMore)
        {
            KeepTrailers();
            CompleteMessage();
        }

        return consumed;
    }

    private void KeepTrailers()
    {
        if (_chunked.Step is not (ChunkedStep.Trailer or ChunkedStep.Done) || _lines.IsEmpty)
        {
            return;
        }

        var trailers = _chunked.ParseTrailers();
        _message!.HeldBytes += _lines.TakeCharge();
        if (_message.RequestHead is { } request)
        {
            request.Trailers = trailers;
        }
        else if (_message.ResponseHead is { } response)
        {
            response.Trailers = trailers;
        }
    }

    private void CompleteMessage()
    {
        var message = _message!;
        if (_body.ExceedsCap)
        {
            message.Issues |= TruncatedIssue;
        }

        message.Body = _body.Detach(out var bodyBytes);
        message.HeldBytes += bodyBytes;
        message.IsFinished = true;
        DropMessage();
        _listener.OnMessageComplete(this, message);
    }
}
