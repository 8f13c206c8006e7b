using System.Text;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Field lines of a header or trailer section (RFC 9112 §5): order and duplicates kept, names and values decoded
/// as Latin-1, values trimmed of OWS, obsolete line folding unfolded into the previous value (§5.2).
/// </summary>
internal static class HeaderFieldParser
{
    /// <summary>
    /// Parses whole lines of <paramref name="section"/> until an empty line or the end (an unfinished last line is
    /// ignored). Returns false when a line could not be read as a field.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> section, int maxCount, out List<HttpHeader> headers)
    {
        headers = [];
        var wellFormed = true;
        while (!section.IsEmpty)
        {
            var lf = section.IndexOf(HttpSyntax.Lf);
            if (lf < 0)
            {
                break;
            }

            var line = HttpSyntax.TrimLineEnding(section[..(lf + 1)]);
            section = section[(lf + 1)..];
            if (line.IsEmpty)
            {
                break;
            }

            if (HttpSyntax.IsWhitespace(line[0]))
            {
                wellFormed &= TryUnfold(headers, line);
                continue;
            }

            if (headers.Count >= maxCount)
            {
                return false;
            }

            var colon = line.IndexOf(HttpSyntax.Colon);
            // Whitespace between name and colon is forbidden (§5.1) but seen in the wild; keep the field, trimmed.
            var name = colon > 0 ? HttpSyntax.TrimOws(line[..colon]) : default;
            if (!HttpSyntax.IsToken(name))
            {
                wellFormed = false;
                continue;
            }

            headers.Add(new HttpHeader(Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(HttpSyntax.TrimOws(line[(colon + 1)..]))));
        }

        return wellFormed;
    }

    private static bool TryUnfold(List<HttpHeader> headers, ReadOnlySpan<byte> line)
    {
        if (headers.Count == 0)
        {
            return false;
        }

        var continuation = HttpSyntax.TrimOws(line);
        if (continuation.IsEmpty)
        {
            return true;
        }

        var previous = headers[^1];
        var text = Encoding.Latin1.GetString(continuation);
        headers[^1] = previous with { Value = previous.Value.Length == 0 ? text : string.Concat(previous.Value, " ", text) };
        return true;
    }
}
