namespace SnoopRecorder.Http;

/// <summary>
/// The body bytes all conversations of one analysis may hold at once while their messages are still being parsed.
/// Each body is capped on its own (<see cref="HttpParserOptions.MaxBodyBytes"/>), but many connections each holding
/// an unfinished large body added up to hundreds of megabytes (measured: 400 connections, 613 MB). Past the budget, a
/// body stops being stored where it is and its exchange is flagged truncated, like a body past its own cap; its size
/// is still counted. Used by one analysing thread: not thread-safe.
/// </summary>
public sealed class BodyMemoryBudget(long maxBytes)
{
    public const long DefaultMaxBytes = 256L << 20;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Bytes held now by parsers' body buffers.</summary>
    public long Held { get; private set; }

    /// <summary>Bodies cut short because the budget was spent.</summary>
    public long BodiesCut { get; private set; }

    internal bool TryTake(int bytes)
    {
        if (Held + bytes > MaxBytes)
        {
            return false;
        }

        Held += bytes;
        return true;
    }

    internal void Give(int bytes) => Held -= bytes;

    internal void CountCut() => BodiesCut++;
}
