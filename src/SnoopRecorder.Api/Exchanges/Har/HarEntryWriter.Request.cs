using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Api.Exchanges.Transcripts;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Har;

internal sealed partial class HarEntryWriter
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    private void WriteRequest(ExchangeDetail detail, MessageBody body)
    {
        var exchange = detail.Exchange;
        var headers = detail.Headers.RequestHeaders;
        _json.WriteStartObject("request");
        _json.WriteString("method", exchange.Method ?? "");
        _json.WriteString("url", HarUrl.Of(exchange));
        _json.WriteString("httpVersion", exchange.HttpVersion ?? "");
        WriteNameValues("cookies", HarNameValues.RequestCookies(HeaderValues(headers, "Cookie")));
        WriteHeaders(headers);
        WriteNameValues("queryString", HarNameValues.FormPairs(exchange.Query));
        if (body.Size > 0 || !body.Stored.IsEmpty)
        {
            WritePostData(body);
        }

        _json.WriteNumber("headersSize", -1);
        _json.WriteNumber("bodySize", exchange.Method is null ? -1 : body.Size);
        _json.WriteEndObject();
    }

    /// <remarks>
    /// HAR 1.2 defines no encoding for posted data. A body that is not text is written base64-encoded all the same,
    /// marked with <c>"_encoding": "base64"</c> (the name <c>content.encoding</c> has) and a comment, so that nothing
    /// captured is lost; readers that do not know the field show the base64 text.
    /// </remarks>
    private void WritePostData(MessageBody body)
    {
        var content = HarBody.Of(body, _maxDecodedBodyBytes);
        _json.WriteStartObject("postData");
        _json.WriteString("mimeType", body.ContentType ?? "");
        if (content.Text is { } text)
        {
            _json.WriteString("text", text);
            if (string.Equals(TextualContent.MediaTypeOf(body.ContentType), FormMediaType, StringComparison.OrdinalIgnoreCase))
            {
                WriteNameValues("params", HarNameValues.FormPairs(text));
            }
        }
        else
        {
            _json.WriteBase64String("text", content.Data.Span);
            _json.WriteString("_encoding", "base64");
        }

        if (content.Comment(binaryNote: content.Text is null ? "binary body: text is base64 (_encoding)" : null) is { } comment)
        {
            _json.WriteString("comment", comment);
        }

        _json.WriteEndObject();
    }
}
