namespace SnoopRecorder.TestSupport.Fuzzing;

public enum MutationKind
{
    /// <summary>A few bits flipped anywhere in the file.</summary>
    BitFlip,

    /// <summary>A few bytes anywhere set to 0x00, 0x01, 0x7F, 0x80, 0xFF or a random value.</summary>
    ByteOverwrite,

    /// <summary>The file cut at a random offset (inside a header, a record, anywhere).</summary>
    Truncation,

    /// <summary>A record's caplen/origlen, or a pcapng block's total, captured or original length, set to an extreme.</summary>
    RecordLength,

    /// <summary>A 16- or 32-bit field at the start of a frame (IP lengths, TCP offsets, sequence numbers) set to an extreme.</summary>
    FrameField,

    /// <summary>Records of another capture inserted, or replacing records of this one.</summary>
    Splice,

    /// <summary>A record repeated, once or many times, here or elsewhere.</summary>
    Duplicate,

    /// <summary>Records swapped, a run reversed, or a window shuffled.</summary>
    Reorder,

    /// <summary>HTTP text overwritten in place: a number (Content-Length, chunk size) made huge, or a token (CRLF, a header) written over the payload.</summary>
    HttpText,
}
