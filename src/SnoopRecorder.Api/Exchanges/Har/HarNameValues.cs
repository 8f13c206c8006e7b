namespace SnoopRecorder.Api.Exchanges.Har;

/// <summary>The name/value lists of a HAR entry that come from parsing: query string, form parameters, cookies.</summary>
internal static class HarNameValues
{
    /// <summary>
    /// The pairs of a query string or an <c>application/x-www-form-urlencoded</c> body, in order, percent-decoded with
    /// <c>+</c> as a space (the URL standard's reading); a pair without <c>=</c> has an empty value.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> FormPairs(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            yield return equals < 0
                ? new(Unescape(pair), "")
                : new(Unescape(pair[..equals]), Unescape(pair[(equals + 1)..]));
        }
    }

    /// <summary>The cookies of a request's Cookie lines (RFC 6265 §5.4: <c>a=1; b=2</c>), in order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> RequestCookies(IEnumerable<string> cookieLines)
    {
        foreach (var line in cookieLines)
        {
            foreach (var pair in line.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Cookie(pair);
            }
        }
    }

    /// <summary>The cookie each Set-Cookie line sets (RFC 6265 §5.2: the name/value pair before the first <c>;</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ResponseCookies(IEnumerable<string> setCookieLines)
    {
        foreach (var line in setCookieLines)
        {
            var semicolon = line.IndexOf(';');
            var pair = (semicolon < 0 ? line : line[..semicolon]).Trim();
            if (pair.Length > 0)
            {
                yield return Cookie(pair);
            }
        }
    }

    private static KeyValuePair<string, string> Cookie(string pair)
    {
        var equals = pair.IndexOf('=');
        return equals < 0 ? new(pair, "") : new(pair[..equals].Trim(), pair[(equals + 1)..].Trim());
    }

    // Invalid escapes stay as they are (Uri.UnescapeDataString leaves them).
    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
