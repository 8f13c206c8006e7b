using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Api.Exchanges.Transcripts;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Http.Content;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// <c>/api/exchanges/{id}/…</c>: what an exchange carried — each side's body as stored or decoded, and the whole
/// exchange as a readable transcript.
/// </summary>
public static class ExchangeContentEndpoints
{
    public const string TranscriptContentType = "text/plain; charset=utf-8";

    private const string DecodeAccepted = "true (undo the Content-Encoding) or false (the body as sent, the default)";
    private const string DecodeDescription =
        "true: undo the Content-Encoding (gzip, x-gzip, deflate, br, identity), at most Snoop:MaxDecodedBodyBytes; " +
        "false (default): the body as sent, de-chunked";

    public static IEndpointRouteBuilder MapExchangeContentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchanges").WithTags(ExchangesEndpoints.Tag);
        group.MapGet("/{id}/request/body", GetRequestBody)
            .WithName("GetExchangeRequestBody")
            .WithSummary("Gets the request body as stored (de-chunked, Content-Encoding kept), or decoded with ?decode=true.")
            .Produces<Stream>(StatusCodes.Status200OK, BodyContentResult.FallbackContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}/response/body", GetResponseBody)
            .WithName("GetExchangeResponseBody")
            .WithSummary("Gets the response body as stored (de-chunked, Content-Encoding kept), or decoded with ?decode=true.")
            .Produces<Stream>(StatusCodes.Status200OK, BodyContentResult.FallbackContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}/transcript", GetTranscript)
            .WithName("GetExchangeTranscript")
            .WithSummary("Gets the request and response as they were on the wire, as text, with textual bodies decoded.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static Results<BodyContentResult, ProblemHttpResult> GetRequestBody(
        string id, [Description(DecodeDescription)] string? decode, ExchangeRepository exchanges, IOptions<ExchangeContentOptions> options) =>
        GetBody(id, decode, BodySide.Request, exchanges, options.Value);

    internal static Results<BodyContentResult, ProblemHttpResult> GetResponseBody(
        string id, [Description(DecodeDescription)] string? decode, ExchangeRepository exchanges, IOptions<ExchangeContentOptions> options) =>
        GetBody(id, decode, BodySide.Response, exchanges, options.Value);

    internal static Results<Utf8ContentHttpResult, ProblemHttpResult> GetTranscript(
        string id, ExchangeRepository exchanges, IOptions<ExchangeContentOptions> options)
    {
        if (!TryFind(id, exchanges, out var detail))
        {
            return ApiProblems.NotFound("Exchange", id);
        }

        var transcript = new ArrayBufferWriter<byte>();
        ExchangeTranscript.Write(
            detail,
            MessageBody.Read(exchanges, detail, BodySide.Request),
            MessageBody.Read(exchanges, detail, BodySide.Response),
            options.Value.MaxDecodedBodyBytes,
            transcript);
        return TypedResults.Text(transcript.WrittenSpan, TranscriptContentType);
    }

    private static Results<BodyContentResult, ProblemHttpResult> GetBody(
        string id, string? decode, BodySide side, ExchangeRepository exchanges, ExchangeContentOptions options)
    {
        var decoding = false;
        if (decode is not null && !bool.TryParse(decode, out decoding))
        {
            return ApiProblems.InvalidParameter("decode", decode, DecodeAccepted);
        }

        if (!TryFind(id, exchanges, out var detail))
        {
            return ApiProblems.NotFound("Exchange", id);
        }

        var body = MessageBody.Read(exchanges, detail, side);
        if (!decoding)
        {
            return BodyContentResult.Stored(body);
        }

        if (!ContentCodings.TryParse(body.ContentEncoding, out var codings, out var unknown))
        {
            // An empty body decodes to itself whatever it claims (a HEAD or 304 response keeps the header).
            return body.Stored.IsEmpty
                ? BodyContentResult.Decoded(body, new DecodedContent { Data = ReadOnlyMemory<byte>.Empty })
                : ContentProblems.UnknownCoding(side, unknown);
        }

        return BodyContentResult.Decoded(body, ContentDecoder.Decode(body.Stored.Span, codings, options.MaxDecodedBodyBytes));
    }

    private static bool TryFind(string id, ExchangeRepository exchanges, [NotNullWhen(true)] out ExchangeDetail? detail)
    {
        detail = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? exchanges.Get(number) : null;
        return detail is not null;
    }
}
