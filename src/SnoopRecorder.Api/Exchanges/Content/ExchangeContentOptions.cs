using System.ComponentModel.DataAnnotations;

namespace SnoopRecorder.Api.Exchanges.Content;

/// <summary>Limits of the body and transcript endpoints (section <c>Snoop</c>).</summary>
public sealed class ExchangeContentOptions
{
    public const string SectionName = "Snoop";
    public const int DefaultMaxDecodedBodyBytes = 16 << 20;
    public const int DecodedBodyBytesCeiling = 1 << 30;

    /// <summary>
    /// The most bytes one decoded body may have (<c>?decode=true</c>, transcripts); decoding stops there, which is what
    /// keeps a decompression bomb (1 GiB of zeros in 1 MB of gzip) from taking the service's memory.
    /// </summary>
    [Range(1, DecodedBodyBytesCeiling)]
    public int MaxDecodedBodyBytes { get; set; } = DefaultMaxDecodedBodyBytes;
}
