using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Har;

internal sealed partial class HarEntryWriter
{
    private void WriteResponse(ExchangeDetail detail, MessageBody body)
    {
        var exchange = detail.Exchange;
        var headers = detail.Headers.ResponseHeaders;
        var responded = exchange.Status is not null;
        _json.WriteStartObject("response");

        // No response captured: status 0, as browsers export a request that got none.
        _json.WriteNumber("status", exchange.Status ?? 0);
        _json.WriteString("statusText", exchange.Reason ?? "");
        _json.WriteString("httpVersion", responded ? exchange.HttpVersion ?? "" : "");
        WriteNameValues("cookies", HarNameValues.ResponseCookies(HeaderValues(headers, "Set-Cookie")));
        WriteHeaders(headers);
        WriteContent(body);
        _json.WriteString("redirectURL", HeaderValue(headers, "Location") ?? "");
        _json.WriteNumber("headersSize", -1);
        _json.WriteNumber("bodySize", responded ? body.Size : -1);
        _json.WriteEndObject();
    }

    private void WriteContent(MessageBody body)
    {
        var content = HarBody.Of(body, _maxDecodedBodyBytes);
        _json.WriteStartObject("content");
        _json.WriteNumber("size", content.Size);
        if (content.Compression is { } saved)
        {
            _json.WriteNumber("compression", saved);
        }

        _json.WriteString("mimeType", body.ContentType ?? "");
        if (content.Text is { } text)
        {
            _json.WriteString("text", text);
        }
        else if (!content.Data.IsEmpty)
        {
            _json.WriteBase64String("text", content.Data.Span);
            _json.WriteString("encoding", "base64");
        }

        if (content.Comment(binaryNote: null) is { } comment)
        {
            _json.WriteString("comment", comment);
        }

        _json.WriteEndObject();
    }
}
