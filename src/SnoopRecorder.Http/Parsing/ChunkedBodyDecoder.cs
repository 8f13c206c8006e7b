using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Streaming decoder of the chunked transfer coding (RFC 9112 §7.1): chunk sizes with overflow check, extensions
/// skipped without buffering, data copied straight into the body, trailer section kept. Bare LF is tolerated.
/// </summary>
internal sealed class ChunkedBodyDecoder
{
    // 16 hex digits can overflow a signed 64-bit size; no real chunk needs more than 15.
    private const int MaxChunkSizeDigits = 15;
    private const int MaxChunkExtensionBytes = 16 * 1024;

    private readonly LineBuffer _trailer;
    private readonly int _maxTrailerBytes;
    private readonly int _maxTrailerCount;
    private ChunkedStep _step;
    private long _chunkSize;
    private int _digits;
    private int _extensionBytes;
    private long _dataRemaining;

    // The trailer buffer is the parser's head buffer, which is idle while a body is decoded.
    public ChunkedBodyDecoder(LineBuffer trailer, int maxTrailerBytes, int maxTrailerCount)
    {
        _trailer = trailer;
        _maxTrailerBytes = maxTrailerBytes;
        _maxTrailerCount = maxTrailerCount;
    }

    public ChunkedStep Step => _step;

    public void Reset()
    {
        _step = ChunkedStep.Size;
        _chunkSize = 0;
        _digits = 0;
        _extensionBytes = 0;
        _dataRemaining = 0;
        _trailer.Clear();
    }

    /// <summary>Trailer fields, once <see cref="ChunkedStatus.Done"/> (or whatever whole lines arrived before a cut).</summary>
    public IReadOnlyList<HttpHeader> ParseTrailers()
    {
        HeaderFieldParser.TryParse(_trailer.Content, _maxTrailerCount, out var trailers);
        return trailers;
    }

    /// <summary>Skips <paramref name="length"/> lost bytes when they fall inside the current chunk's data.</summary>
    public bool TrySkipData(long length, BodyBuffer body)
    {
        if (_step != ChunkedStep.Data || length < 0 || length > _dataRemaining)
        {
            return false;
        }

        body.Skip(length);
        _dataRemaining -= length;
        if (_dataRemaining == 0)
        {
            _step = ChunkedStep.DataCarriageReturn;
        }

        return true;
    }

    public ChunkedStatus Decode(ReadOnlySpan<byte> input, BodyBuffer body, out int consumed)
    {
        var i = 0;
        var status = ChunkedStatus.NeedMore;
        while (i < input.Length && status == ChunkedStatus.NeedMore)
        {
            switch (_step)
            {
                case ChunkedStep.Size:
                    status = ReadSize(input[i], ref i);
                    break;
                case ChunkedStep.Extension:
                    status = SkipExtension(input[i..], ref i);
                    break;
                case ChunkedStep.SizeLineFeed:
                    status = Expect(input[i], HttpSyntax.Lf, ref i);
                    if (status == ChunkedStatus.NeedMore)
                    {
                        EndSizeLine();
                    }

                    break;
                case ChunkedStep.Data:
                    var take = (int)Math.Min(_dataRemaining, input.Length - i);
                    body.Append(input.Slice(i, take));
                    i += take;
                    _dataRemaining -= take;
                    if (_dataRemaining == 0)
                    {
                        _step = ChunkedStep.DataCarriageReturn;
                    }

                    break;
                case ChunkedStep.DataCarriageReturn when input[i] == HttpSyntax.Lf:
                    i++;
                    _step = ChunkedStep.Size;
                    break;
                case ChunkedStep.DataCarriageReturn:
                    status = Expect(input[i], HttpSyntax.Cr, ref i);
                    _step = ChunkedStep.DataLineFeed;
                    break;
                case ChunkedStep.DataLineFeed:
                    status = Expect(input[i], HttpSyntax.Lf, ref i);
                    _step = ChunkedStep.Size;
                    break;
                case ChunkedStep.Trailer:
                    status = ReadTrailerLine(input[i..], ref i);
                    break;
                default:
                    status = ChunkedStatus.Done;
                    break;
            }
        }

        consumed = i;
        return status == ChunkedStatus.NeedMore && _step == ChunkedStep.Done ? ChunkedStatus.Done : status;
    }

    private ChunkedStatus ReadSize(byte value, ref int i)
    {
        var digit = HexValue(value);
        if (digit >= 0)
        {
            if (_digits == MaxChunkSizeDigits)
            {
                return ChunkedStatus.Malformed;
            }

            _chunkSize = (_chunkSize << 4) | (uint)digit;
            _digits++;
            i++;
            return ChunkedStatus.NeedMore;
        }

        if (_digits == 0)
        {
            return ChunkedStatus.Malformed;
        }

        i++;
        switch (value)
        {
            case (byte)';' or HttpSyntax.Space or HttpSyntax.Tab:
                _step = ChunkedStep.Extension;
                return ChunkedStatus.NeedMore;
            case HttpSyntax.Cr:
                _step = ChunkedStep.SizeLineFeed;
                return ChunkedStatus.NeedMore;
            case HttpSyntax.Lf:
                EndSizeLine();
                return ChunkedStatus.NeedMore;
            default:
                return ChunkedStatus.Malformed;
        }
    }

    // chunk-ext carries nothing the recorder stores; it is skipped up to the LF, within a bound.
    private ChunkedStatus SkipExtension(ReadOnlySpan<byte> input, ref int i)
    {
        var lf = input.IndexOf(HttpSyntax.Lf);
        var length = lf < 0 ? input.Length : lf;
        _extensionBytes += length;
        if (_extensionBytes > MaxChunkExtensionBytes)
        {
            return ChunkedStatus.Malformed;
        }

        i += lf < 0 ? length : length + 1;
        if (lf >= 0)
        {
            EndSizeLine();
        }

        return ChunkedStatus.NeedMore;
    }

    private ChunkedStatus ReadTrailerLine(ReadOnlySpan<byte> input, ref int i)
    {
        var status = _trailer.ReadLine(input, _maxTrailerBytes, out var read);
        i += read;
        if (status == LineStatus.TooLong || _trailer.LineCount > _maxTrailerCount + 1)
        {
            return ChunkedStatus.Malformed;
        }

        if (status == LineStatus.LineComplete && _trailer.CurrentLine.IsEmpty)
        {
            _step = ChunkedStep.Done;
            return ChunkedStatus.Done;
        }

        return ChunkedStatus.NeedMore;
    }

    private static ChunkedStatus Expect(byte value, byte expected, ref int i)
    {
        if (value != expected)
        {
            return ChunkedStatus.Malformed;
        }

        i++;
        return ChunkedStatus.NeedMore;
    }

    private void EndSizeLine()
    {
        _step = _chunkSize == 0 ? ChunkedStep.Trailer : ChunkedStep.Data;
        _dataRemaining = _chunkSize;
        _chunkSize = 0;
        _digits = 0;
        _extensionBytes = 0;
    }

    private static int HexValue(byte value) => value switch
    {
        >= (byte)'0' and <= (byte)'9' => value - '0',
        >= (byte)'a' and <= (byte)'f' => value - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => value - 'A' + 10,
        _ => -1,
    };
}
