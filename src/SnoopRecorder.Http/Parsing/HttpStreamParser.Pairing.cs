namespace SnoopRecorder.Http.Parsing;

internal sealed partial class HttpStreamParser
{
    /// <summary>Continues a response that waited for its request, if the request is known now.</summary>
    public void TryResume() => Resume(force: false);

    /// <summary>Stops waiting (the client ended, or the conversation closes): unknown requests are taken as GET-like.</summary>
    public void ForceResume()
    {
        _mayWait = false;
        Resume(force: true);
    }

    private void Resume(bool force)
    {
        if (_state != ParserState.AwaitingPairing || _replaying
            || !_listener.TryPairResponse(_message!, force || !_mayWait, out var requestMethod))
        {
            return;
        }

        ContinueResponse(requestMethod);

        // Replay from one instance while new deferrals (if the parser waits again) go to the other.
        var replay = _deferred;
        _deferred = _spare;
        _spare = replay;
        _replaying = true;
        try
        {
            replay.ReplayInto(this, _deferred, mayWaitAgain: _mayWait);
        }
        finally
        {
            _replaying = false;
        }
    }

    private int Defer(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        // Taken before a replay, which feeds other input through this parser; the input being parsed is restored after.
        var streamOffset = StepOffset;
        var acknowledged = _chunkAcknowledged;
        var chunkEnd = _chunkEnd;
        if (_replaying)
        {
            _deferred.TryAddData(data, timestampNs, packetIndex, streamOffset, acknowledged, covered: true);
        }
        else if (_deferred.ByteCount + data.Length > _options.MaxBufferedBytesPerSide
            || !_deferred.TryAddData(data, timestampNs, packetIndex, streamOffset, acknowledged, covered: false))
        {
            // Waited long enough, or the memory budget has no room: stop waiting until the client sends a new request
            // (no recursion: nothing waits now).
            ForceResume();
            Feed(data, timestampNs, packetIndex, streamOffset, acknowledged);
            _chunkEnd = chunkEnd;
            _chunkAcknowledged = acknowledged;
        }

        return data.Length;
    }

    private void DeferEvent(bool isEnd, long length, long timestampNs, long packetIndex, long streamOffset)
    {
        if (!_deferred.TryAddEvent(isEnd, length, timestampNs, packetIndex, streamOffset, covered: _replaying))
        {
            // No room to hold it: stop waiting, then take the event as it comes.
            ForceResume();
            if (isEnd)
            {
                End(timestampNs, packetIndex);
            }
            else
            {
                Gap(length, timestampNs, packetIndex, streamOffset);
            }

            return;
        }

        if (!_replaying && _deferred.EventCount > MaxDeferredEvents)
        {
            ForceResume();
        }
    }

    private void ContinueResponse(string? requestMethod)
    {
        var head = _message!.ResponseHead!;
        StartBody(MessageFramer.ForResponse(head.StatusCode, requestMethod, head.Headers));
    }
}
