using System.Buffers;
using System.IO.Compression;

namespace SnoopRecorder.Http.Content;

/// <summary>
/// Decodes Brotli data (RFC 7932) with the framework's span-based <see cref="BrotliDecoder"/>, which, unlike
/// <see cref="BrotliStream"/>, says when the input ends inside the compressed stream.
/// </summary>
internal static class BrotliDecompression
{
    public static LayerResult Decode(ReadOnlySpan<byte> input, BoundedOutput output)
    {
        // A mutable local, not `using var`: calls on a read-only struct local would each work on a copy.
        var decoder = new BrotliDecoder();
        var length = input.Length;
        try
        {
            Span<byte> probe = stackalloc byte[1];
            while (true)
            {
                var free = output.GetFreeSpan();
                var atLimit = free.IsEmpty;
                var status = decoder.Decompress(input, atLimit ? probe : free, out var consumed, out var written);
                input = input[consumed..];
                if (atLimit)
                {
                    // Decoding one byte past the limit tells a stream that ends exactly there from a longer one.
                    if (written > 0 || status == OperationStatus.DestinationTooSmall)
                    {
                        return LayerResult.OutputFull;
                    }
                }
                else
                {
                    output.Advance(written);
                }

                switch (status)
                {
                    case OperationStatus.Done:
                        return LayerResult.Done;
                    case OperationStatus.DestinationTooSmall:
                        continue;
                    case OperationStatus.NeedMoreData:
                        return LayerResult.EndsEarly("brotli data");
                    default:
                        return LayerResult.Invalid($"brotli data is corrupt: the decoder rejects it after {length - input.Length} of its {length} bytes");
                }
            }
        }
        finally
        {
            decoder.Dispose();
        }
    }
}
