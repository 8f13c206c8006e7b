using System.Text;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>A sample with its variables substituted and its file references read: ready to send.</summary>
public sealed class ResolvedHttpSample
{
    private ResolvedHttpSample(HttpSampleRequest sample, Uri uri, IReadOnlyList<HttpSampleHeader> headers, byte[]? body)
    {
        Sample = sample;
        Uri = uri;
        Headers = headers;
        Body = body;
    }

    public HttpSampleRequest Sample { get; }

    public HttpMethod Method => new(Sample.Method);

    public Uri Uri { get; }

    public IReadOnlyList<HttpSampleHeader> Headers { get; }

    /// <summary>The body's bytes; null when the sample has none.</summary>
    public byte[]? Body { get; }

    public string? ContentType =>
        Headers.LastOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Substitutes <paramref name="variables"/> in the URL, header values, body lines and file references, and reads
    /// each <c>&lt; path</c> with <paramref name="readFile"/> (given the substituted path as written). Body lines are
    /// joined with CRLF in a multipart body (its framing needs them) and LF otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is unknown, or the URL is not absolute.</exception>
    public static ResolvedHttpSample Resolve(HttpSampleRequest sample, HttpSampleVariables variables, Func<string, byte[]> readFile)
    {
        var url = variables.Substitute(sample.Url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{sample}: '{url}' is not an absolute URL");
        }

        var headers = sample.Headers.Select(h => h with { Value = variables.Substitute(h.Value) }).ToList();
        byte[]? body = null;
        if (sample.Body.Count > 0)
        {
            var multipart = headers.Any(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                && h.Value.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));
            var newLine = Encoding.UTF8.GetBytes(multipart ? "\r\n" : "\n");
            using var buffer = new MemoryStream();
            for (var i = 0; i < sample.Body.Count; i++)
            {
                if (i > 0)
                {
                    buffer.Write(newLine);
                }

                var line = sample.Body[i];
                var text = variables.Substitute(line.Text);
                buffer.Write(line.IsFile ? readFile(text) : Encoding.UTF8.GetBytes(text));
            }

            body = buffer.ToArray();
        }

        return new ResolvedHttpSample(sample, uri, headers, body);
    }

    /// <summary>The message: content headers go on the content (empty when a sample sets them without a body).</summary>
    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(Method, Uri);
        var contentHeaders = Headers.Where(h => IsContentHeader(h.Name)).ToList();
        if (Body is not null || contentHeaders.Count > 0)
        {
            message.Content = new ByteArrayContent(Body ?? []);
        }

        foreach (var header in Headers)
        {
            if (IsContentHeader(header.Name))
            {
                if (header.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                message.Content!.Headers.Remove(header.Name);
                message.Content.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }

        return message;
    }

    public override string ToString() => $"{Sample} {Sample.Method} {Uri}";

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Allow", StringComparison.OrdinalIgnoreCase);
}
