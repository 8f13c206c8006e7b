using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Contested bytes: the reassembler announces bytes that had two different copies in the capture just before it
/// delivers them, and every message that holds some of them is flagged <see cref="ConflictIssue"/> — the one being
/// read, the next one when they begin its start line, both when they straddle two. Bytes no message holds (junk
/// skipped while resynchronising, bytes after a protocol switch) flag nothing; the reassembler's statistics still
/// count them.
/// </summary>
/// <remarks>
/// Positions count data bytes only (gaps hold none): a range starts after the bytes parsed so far and those held back
/// while a response waits for its request, which are parsed before it. Connections without conflicts pay one bool
/// test per <see cref="Feed"/> and one per message started; the ranges, offsets and per-step checks are only kept
/// while something is contested.
/// </remarks>
internal sealed partial class HttpStreamParser
{
    private ContestedRanges? _contested;

    // True while ranges wait or the line being read holds contested bytes: Feed then takes FeedContested.
    private bool _tracksConflicts;

    // Data bytes parsed (not held back) since tracking began; kept only while _tracksConflicts.
    private long _parsedOffset;

    // The start line being read holds contested bytes: the message it begins is flagged.
    private bool _lineContested;

    private ExchangeIssues ConflictIssue => Role == StreamRole.Client ? ExchangeIssues.RequestConflict : ExchangeIssues.ResponseConflict;

    /// <summary>The next <paramref name="length"/> data bytes of this direction had another, different copy.</summary>
    public void Contest(long length)
    {
        if (IsEnded || length <= 0 || _state == ParserState.Tunnel)
        {
            return;
        }

        if (!_tracksConflicts)
        {
            _parsedOffset = 0;
            _tracksConflicts = true;
        }

        var start = _parsedOffset + _deferred.ByteCount;
        (_contested ??= new ContestedRanges()).Add(start, start + length);
    }

    /// <summary>
    /// <see cref="Feed"/> while something is contested: each step gets a piece that is all contested or all not, and
    /// the message its bytes go to is flagged before the step, since the step may finish (and hand out) the message.
    /// </summary>
    private void FeedContested(ReadOnlySpan<byte> data, long timestampNs, long packetIndex)
    {
        var contested = _contested!;
        while (!data.IsEmpty)
        {
            if (_state is ParserState.Tunnel or ParserState.Ended)
            {
                // Not HTTP/1 any more: no message holds these bytes, and nothing after them will be parsed.
                contested.Clear();
                _lineContested = false;
                break;
            }

            var deferring = _state == ParserState.AwaitingPairing;
            var isContested = contested.Classify(_parsedOffset, data.Length, out var length);
            if (!deferring)
            {
                MarkContested(isContested);
            }

            _stepOffset = _chunkEnd - data.Length;
            var consumed = Step(data[..length], timestampNs, packetIndex);
            if (!deferring)
            {
                _parsedOffset += consumed;
            }

            data = data[consumed..];
        }

        contested.DiscardBefore(_parsedOffset);
        _tracksConflicts = !contested.IsEmpty || _lineContested;
    }

    private void MarkContested(bool isContested)
    {
        if (_state == ParserState.StartLine && _lines.IsEmpty)
        {
            // A new line begins: what the previous one held went with it (a message, or nothing).
            _lineContested = false;
        }

        if (!isContested)
        {
            return;
        }

        switch (_state)
        {
            case ParserState.StartLine:
                _lineContested = true;
                break;
            case ParserState.Head or ParserState.LengthBody or ParserState.ChunkedBody or ParserState.CloseBody:
                _message!.Issues |= ConflictIssue;
                break;
        }
    }

    /// <summary>For the message the current start line begins: its conflict flag, if the line held contested bytes.</summary>
    private ExchangeIssues TakeLineConflict()
    {
        if (!_lineContested)
        {
            return ExchangeIssues.None;
        }

        _lineContested = false;
        return ConflictIssue;
    }
}
