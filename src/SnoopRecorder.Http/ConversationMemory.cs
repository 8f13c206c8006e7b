using SnoopRecorder.Http.Pairing;

namespace SnoopRecorder.Http;

/// <summary>
/// One conversation's share of the <see cref="HttpMemoryBudget"/>: its parsers' line, body and deferred buffers and its
/// assembler's pending exchanges take and give back through it. It keeps the conversation's own total, which is 0
/// again once the conversation is closed, and, when the budget is spent, makes room by having the assembler emit the
/// conversation's oldest pending exchange before it refuses. Without a budget it only counts.
/// </summary>
internal sealed class ConversationMemory(HttpMemoryBudget? budget)
{
    private ExchangeAssembler? _assembler;

    /// <summary>Bytes this conversation holds now.</summary>
    public long Held { get; private set; }

    public void Attach(ExchangeAssembler assembler) => _assembler = assembler;

    /// <summary>Takes <paramref name="bytes"/>, emitting pending exchanges of this conversation first if that makes room.</summary>
    public bool TryTake(long bytes)
    {
        if (budget is not null)
        {
            while (!budget.TryTake(bytes))
            {
                // Emitting is worth it only while giving back all this conversation holds could make the room.
                if (budget.Held - Held + bytes > budget.MaxBytes || _assembler?.TryEmitOldestPending() != true)
                {
                    return false;
                }

                budget.CountPendingExchangeEmitted();
            }
        }

        Held += bytes;
        return true;
    }

    /// <summary>Takes <paramref name="bytes"/> only if they are free now (room worth having, not worth an exchange).</summary>
    public bool TryTakeIfFree(long bytes)
    {
        if (budget?.TryTake(bytes) == false)
        {
            return false;
        }

        Held += bytes;
        return true;
    }

    public void Give(long bytes)
    {
        budget?.Give(bytes);
        Held -= bytes;
    }

    public void CountBodyCut() => budget?.CountBodyCut();

    public void CountWaitGivenUp() => budget?.CountWaitGivenUp();

    public void CountHeadCut() => budget?.CountHeadCut();
}
