using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>One request or response as parsed so far, with the packets and times of the bytes that carried it.</summary>
internal sealed class ParsedMessage
{
    public ParsedMessage(long firstTimestampNs, long firstPacketIndex)
    {
        FirstTimestampNs = LastTimestampNs = firstTimestampNs;
        FirstPacketIndex = LastPacketIndex = firstPacketIndex;
    }

    public HttpRequestHead? RequestHead { get; set; }

    public HttpResponseHead? ResponseHead { get; set; }

    public CapturedBody Body { get; set; } = CapturedBody.Empty;

    /// <summary>Issues of this message only (the Request* flags for a request, Response* for a response).</summary>
    public ExchangeIssues Issues { get; set; }

    /// <summary>True once nothing more of this message will come: its end was found, or it was cut and flagged.</summary>
    public bool IsFinished { get; set; }

    /// <summary>A 1xx response other than 101: not the final response.</summary>
    public bool IsInterim => ResponseHead is { StatusCode: >= 100 and < 200 and not 101 };

    public bool IsTunnel { get; set; }

    /// <summary>
    /// Bytes of the conversation's memory this message holds (its head as read, trailers, body array), given back when
    /// its exchange is emitted, or when it finishes after that.
    /// </summary>
    public long HeldBytes { get; set; }

    /// <summary>True once the exchange this message belongs to has been emitted (it may still be finishing).</summary>
    public bool IsEmitted { get; set; }

    public long FirstTimestampNs { get; }

    /// <summary>Offset of the message's first byte in its direction's stream (gap bytes counted); -1 when not known.</summary>
    public long StreamOffset { get; init; } = -1;

    /// <summary>
    /// The acknowledgment carried by the packet of the message's first byte, as an offset in the other direction's
    /// stream: for a request, how much of the server's stream the client had received when it sent it. -1 when not known.
    /// </summary>
    public long Acknowledged { get; init; } = -1;

    /// <summary>
    /// For a message found after bytes of its direction were lost between messages: the offset of the first byte lost
    /// after the previous message ended. -1 when nothing was lost there, or the offset is not known.
    /// </summary>
    public long LostFromOffset { get; init; } = -1;

    public long LastTimestampNs { get; private set; }

    public long FirstPacketIndex { get; private set; }

    public long LastPacketIndex { get; private set; }

    /// <summary>Records that a packet carried bytes of this message.</summary>
    public void Touch(long timestampNs, long packetIndex)
    {
        LastTimestampNs = timestampNs;
        FirstPacketIndex = Math.Min(FirstPacketIndex, packetIndex);
        LastPacketIndex = Math.Max(LastPacketIndex, packetIndex);
    }
}
