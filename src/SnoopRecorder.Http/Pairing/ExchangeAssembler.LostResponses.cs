using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Parsing;

namespace SnoopRecorder.Http.Pairing;

internal sealed partial class ExchangeAssembler
{
    /// <summary>
    /// Pairing after a response lost in a capture gap, by the client's TCP acknowledgments. <paramref name="response"/>
    /// was found after server bytes were lost from offset G on (<see cref="ParsedMessage.LostFromOffset"/>) and begins
    /// at offset O; the oldest unanswered request is at <paramref name="index"/>. Every request carries A, how much of
    /// the server's stream the client had received when it sent it, and its response begins at A or later.
    /// <list type="bullet">
    /// <item>If the next request has G &lt; A ≤ O, the client had received lost bytes before sending it: they were sent
    /// before the server read it, after the previous response ended, so they began the oldest request's response, which
    /// is therefore lost (the response at O came after them).</item>
    /// <item>Further requests follow while A keeps rising and stays ≤ O: a client that waited for more of the server's
    /// stream before each request (no pipelining) had received each previous response, lost as well.</item>
    /// </list>
    /// The requests skipped leave without a response (<see cref="ExchangeSlot.LoseResponse"/>); the response pairs with
    /// the last request of the chain, and its <see cref="ExchangeIssues.ResponseGap"/> (carried from the gap because its
    /// pairing was in doubt) is dropped, unless a further request with A ≤ O was sent without waiting (pipelined), which
    /// it might answer instead (or whose acknowledgment is unknown). Without a chain (no acknowledgments, pipelined
    /// requests with A ≤ G, a request sent after the response began) pairing stays first in, first out and the flag
    /// stays.
    /// </summary>
    /// <returns>The index of the slot the response answers.</returns>
    private int SkipLostResponses(int index, ParsedMessage response)
    {
        var lostFrom = response.LostFromOffset;
        var start = response.StreamOffset;
        if (lostFrom < 0 || start < lostFrom || (response.Issues & ExchangeIssues.ResponseGap) == 0)
        {
            return index;
        }

        var floor = lostFrom;
        var answered = index;
        var next = index + 1;
        for (; next < _slots.Count; next++)
        {
            var acknowledged = Acknowledged(_slots[next]);
            if (acknowledged <= floor || acknowledged > start)
            {
                break;
            }

            answered = next;
            floor = acknowledged;
        }

        if (answered == index)
        {
            return index;
        }

        for (var i = index; i < answered; i++)
        {
            _slots[i].LoseResponse();
        }

        // A further request that was not sent after the response began (pipelined, or its acknowledgment unknown).
        var doubt = next < _slots.Count && Acknowledged(_slots[next]) <= start;
        if (!doubt && (response.Issues & ExchangeIssues.ResponseMalformed) == 0)
        {
            // The gap was before this response, and where it belongs is no longer in doubt.
            response.Issues &= ~ExchangeIssues.ResponseGap;
        }

        return answered;
    }

    private static long Acknowledged(ExchangeSlot slot) => slot.Request?.Acknowledged ?? -1;
}
