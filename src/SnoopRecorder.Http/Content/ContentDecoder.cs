namespace SnoopRecorder.Http.Content;

/// <summary>
/// Undoes a body's content codings (RFC 9110 §8.4) with bounded output: gzip and x-gzip, deflate (zlib-wrapped or raw),
/// br and identity, several applied in turn. No I/O: bytes in, bytes out.
/// </summary>
public static class ContentDecoder
{
    /// <summary>
    /// Decodes <paramref name="encoded"/>, to which <paramref name="codings"/> were applied in the order given (the
    /// order of Content-Encoding), so they are undone last first.
    /// </summary>
    /// <param name="encoded">The body as it was sent (after transfer decoding: de-chunked).</param>
    /// <param name="codings">The codings applied, first applied first (<see cref="ContentCodings.TryParse"/>).</param>
    /// <param name="maxDecodedBytes">
    /// The most bytes any step may produce: the result, and each intermediate result of stacked codings, stop there
    /// with <see cref="DecodedContent.Truncated"/> set when more would follow.
    /// </param>
    /// <remarks>
    /// An empty body decodes to an empty body whatever its codings (a HEAD or 304 response keeps the Content-Encoding
    /// of the body it does not carry). A failing step does not stop the others: they decode what it produced, so the
    /// result holds as much of the content as could be recovered, and <see cref="DecodedContent.Error"/> names the
    /// first failure. After a step stops at the limit, the later ones are expected to find their input cut short and
    /// that is not reported as a failure.
    /// </remarks>
    public static DecodedContent Decode(ReadOnlySpan<byte> encoded, IReadOnlyList<ContentCoding> codings, int maxDecodedBytes)
    {
        ArgumentNullException.ThrowIfNull(codings);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecodedBytes);
        if (encoded.IsEmpty)
        {
            return new DecodedContent { Data = ReadOnlyMemory<byte>.Empty };
        }

        if (ContentCodings.AreIdentity(codings))
        {
            var copy = encoded[..Math.Min(encoded.Length, maxDecodedBytes)].ToArray();
            return new DecodedContent { Data = copy, Truncated = copy.Length < encoded.Length };
        }

        var current = ReadOnlyMemory<byte>.Empty;
        var first = true;
        var truncated = false;
        string? error = null;
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            if (codings[i] == ContentCoding.Identity)
            {
                continue;
            }

            var input = first ? encoded : current.Span;
            first = false;
            var output = new BoundedOutput(maxDecodedBytes, expectedLength: (int)Math.Min(input.Length * 4L, int.MaxValue));
            var result = DecodeLayer(codings[i], input, output);
            switch (result.Status)
            {
                case LayerStatus.OutputFull:
                    truncated = true;
                    break;
                case LayerStatus.NeedMoreData when !truncated:
                case LayerStatus.InvalidData:
                    error ??= result.Problem;
                    break;
            }

            current = output.WrittenMemory;
        }

        return new DecodedContent { Data = current, Truncated = truncated, Error = error };
    }

    private static LayerResult DecodeLayer(ContentCoding coding, ReadOnlySpan<byte> input, BoundedOutput output) => coding switch
    {
        ContentCoding.Gzip => GzipInflater.Decode(input, output),
        ContentCoding.Deflate => ZlibInflater.Decode(input, output),
        ContentCoding.Brotli => BrotliDecompression.Decode(input, output),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, null),
    };
}
