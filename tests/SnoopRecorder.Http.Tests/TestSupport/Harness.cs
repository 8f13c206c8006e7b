using System.Text;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Tests.TestSupport;

/// <summary>Drives a real <see cref="HttpConversation"/> with scripted inputs.</summary>
public static class Harness
{
    public const ConversationSide C = ConversationSide.Initiator;
    public const ConversationSide S = ConversationSide.Responder;

    /// <summary>Runs the steps (step i is packet i at time (i+1)·1000 ns unless given), then closes.</summary>
    public static List<HttpExchange> Run(IEnumerable<Step> steps, HttpParserOptions? options = null, ConversationSide? knownClient = C, bool close = true)
    {
        var sink = new RecordingSink();
        var conversation = new HttpConversation(options ?? new HttpParserOptions(), sink, knownClient);
        Feed(conversation, steps);
        if (close)
        {
            conversation.Close(long.MaxValue / 2);
        }

        return sink.Exchanges;
    }

    public static void Feed(HttpConversation conversation, IEnumerable<Step> steps)
    {
        var index = 0;
        foreach (var step in steps)
        {
            var timestamp = step.TimestampNs != 0 ? step.TimestampNs : (index + 1) * 1000L;
            var packet = step.PacketIndex >= 0 ? step.PacketIndex : index;
            switch (step.Kind)
            {
                case StepKind.Data:
                    conversation.OnData(step.Side, step.Bytes, timestamp, packet, step.Acknowledged);
                    break;
                case StepKind.Gap:
                    conversation.OnGap(step.Side, step.GapLength, timestamp, packet);
                    break;
                case StepKind.Conflict:
                    conversation.OnConflict(step.Side, step.GapLength, timestamp, packet);
                    break;
                default:
                    conversation.OnEnd(step.Side, timestamp, packet);
                    break;
            }

            index++;
        }
    }

    /// <summary>
    /// The steps with the acknowledgments a peer that received everything the other side sent (gap bytes too: only the
    /// capture lost them) puts on its data: each data step acknowledges every byte of the other side before it.
    /// </summary>
    public static IEnumerable<Step> Acknowledging(IEnumerable<Step> steps)
    {
        long client = 0;
        long server = 0;
        foreach (var step in steps)
        {
            var sent = step.Kind switch
            {
                StepKind.Data => step.Bytes.Length,
                StepKind.Gap => step.GapLength,
                _ => 0,
            };
            if (step.Side == C)
            {
                yield return step.Kind == StepKind.Data ? step with { Acknowledged = server } : step;
                client += sent;
            }
            else
            {
                yield return step.Kind == StepKind.Data ? step with { Acknowledged = client } : step;
                server += sent;
            }
        }
    }

    /// <summary>The data step cut into pieces at the given offsets.</summary>
    public static IEnumerable<Step> Cut(Step step, params int[] offsets)
    {
        var start = 0;
        foreach (var offset in offsets.Append(step.Bytes.Length))
        {
            if (offset > start)
            {
                yield return step with { Bytes = step.Bytes[start..offset] };
                start = offset;
            }
        }
    }

    /// <summary>The data step one byte per packet.</summary>
    public static IEnumerable<Step> Bytewise(Step step) => Cut(step, [.. Enumerable.Range(1, step.Bytes.Length - 1)]);

    /// <summary>Everything observable of an exchange except packet times and indexes, for comparing runs.</summary>
    public static string Describe(HttpExchange exchange)
    {
        var text = new StringBuilder();
        text.Append("client=").Append(exchange.ClientSide).Append(" issues=").Append(exchange.Issues).Append('\n');
        if (exchange.Request is { } request)
        {
            text.Append(request.Method).Append(' ').Append(request.Target).Append(' ').Append(request.Version).Append('\n');
            AppendFields(text, request.Headers, request.Trailers);
        }

        AppendBody(text, exchange.RequestBody);
        foreach (var interim in exchange.InterimResponses)
        {
            text.Append("interim ").Append(interim.StatusCode).Append('\n');
        }

        if (exchange.Response is { } response)
        {
            text.Append(response.Version).Append(' ').Append(response.StatusCode).Append(' ').Append(response.Reason).Append('\n');
            AppendFields(text, response.Headers, response.Trailers);
        }

        AppendBody(text, exchange.ResponseBody);
        return text.ToString();
    }

    private static void AppendFields(StringBuilder text, IReadOnlyList<HttpHeader> headers, IReadOnlyList<HttpHeader> trailers)
    {
        foreach (var header in headers)
        {
            text.Append(header.Name).Append(": ").Append(header.Value).Append('\n');
        }

        foreach (var trailer in trailers)
        {
            text.Append("trailer ").Append(trailer.Name).Append(": ").Append(trailer.Value).Append('\n');
        }
    }

    private static void AppendBody(StringBuilder text, CapturedBody body)
        => text.Append("body[").Append(body.Size).Append(body.Truncated ? ",truncated" : string.Empty).Append("]=")
            .Append(Wire.Text(body.Data)).Append('\n');
}
