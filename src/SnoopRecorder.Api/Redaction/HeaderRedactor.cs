using System.Collections.Frozen;
using System.Text;

namespace SnoopRecorder.Api.Redaction;

/// <summary>
/// Replaces the values of secret header fields with <see cref="Marker"/> before they are stored, keeping what helps
/// debugging without the secret: the scheme of <c>Authorization</c> and <c>Proxy-Authorization</c>
/// (<c>Bearer [redacted]</c>), the cookie names of <c>Cookie</c> (<c>session=[redacted]; theme=[redacted]</c>), the
/// cookie name and attributes of <c>Set-Cookie</c> (<c>session=[redacted]; Path=/; HttpOnly</c>). Any other listed
/// field (<c>X-Api-Key</c> by default) becomes <c>[redacted]</c> whole. Names compare case-insensitively (RFC 9110
/// §5.1). Empty values, and empty cookie values (<c>lang=</c>, a cookie being deleted), hold no secret and stay as they
/// are. Pure and thread-safe.
/// </summary>
public sealed class HeaderRedactor
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Marker = "[redacted]";

    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string Cookie = "Cookie";
    public const string SetCookie = "Set-Cookie";

    /// <summary>The header this service takes its own API key in: recording its own traffic must not store the key.</summary>
    public const string ApiKey = "X-Api-Key";

    private readonly FrozenSet<string> _names;

    /// <param name="extraNames">Names redacted whole, on top of the defaults.</param>
    public HeaderRedactor(IEnumerable<string> extraNames)
    {
        _names = DefaultNames.Concat(extraNames).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The fields redacted whatever the configuration.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [Authorization, ProxyAuthorization, Cookie, SetCookie, ApiKey];

    /// <summary>Every name this redactor redacts.</summary>
    public IReadOnlyCollection<string> Names => _names;

    public bool IsSecret(string name) => _names.Contains(name);

    /// <summary>The value to store for a field: <paramref name="value"/> itself unless the field is secret.</summary>
    public string Redact(string name, string value)
    {
        if (value.Length == 0 || !_names.Contains(name))
        {
            return value;
        }

        if (name.Equals(Authorization, StringComparison.OrdinalIgnoreCase) || name.Equals(ProxyAuthorization, StringComparison.OrdinalIgnoreCase))
        {
            return Credentials(value);
        }

        if (name.Equals(Cookie, StringComparison.OrdinalIgnoreCase))
        {
            return CookiePairs(value);
        }

        return name.Equals(SetCookie, StringComparison.OrdinalIgnoreCase) ? SetCookiePair(value) : Marker;
    }

    /// <summary>
    /// <c>credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]</c> (RFC 9110 §11.4): the scheme is kept when
    /// it is a token followed by whitespace. A value of one word may be a bare token (many APIs send one without a
    /// scheme), so it is redacted whole, as is anything whose first word is not a token.
    /// </summary>
    private static string Credentials(string value)
    {
        var trimmed = value.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny(' ', '\t');
        if (end <= 0 || !HttpToken.IsToken(trimmed[..end]))
        {
            return Marker;
        }

        return trimmed[end..].Trim().IsEmpty ? Marker : string.Concat(trimmed[..end], " ", Marker);
    }

    /// <summary>
    /// <c>cookie-string = cookie-pair *( ";" SP cookie-pair )</c> (RFC 6265 §4.2.1): every value is redacted and the
    /// separators and names are kept as sent. A piece without <c>=</c> is a nameless value (browsers read it so) and
    /// is redacted whole.
    /// </summary>
    private static string CookiePairs(string value)
    {
        var builder = new StringBuilder(value.Length);
        var rest = value.AsSpan();
        while (true)
        {
            var semicolon = rest.IndexOf(';');
            var piece = semicolon < 0 ? rest : rest[..semicolon];
            var content = piece.TrimStart();
            builder.Append(piece[..(piece.Length - content.Length)]);
            AppendPair(builder, content.TrimEnd());
            if (semicolon < 0)
            {
                return builder.ToString();
            }

            builder.Append(';');
            rest = rest[(semicolon + 1)..];
        }
    }

    /// <summary>
    /// <c>set-cookie-string = cookie-pair *( ";" SP cookie-av )</c> (RFC 6265 §4.1.1): the pair's value is redacted and
    /// the attributes (Path, Domain, Expires, HttpOnly...) are kept verbatim.
    /// </summary>
    private static string SetCookiePair(string value)
    {
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var pair = semicolon < 0 ? value.AsSpan() : value.AsSpan(0, semicolon);
        var builder = new StringBuilder(value.Length);
        AppendPair(builder, pair.Trim());
        return semicolon < 0 ? builder.ToString() : builder.Append(value.AsSpan(semicolon)).ToString();
    }

    private static void AppendPair(StringBuilder builder, ReadOnlySpan<char> pair)
    {
        if (pair.IsEmpty)
        {
            return;
        }

        var equals = pair.IndexOf('=');
        if (equals < 0)
        {
            builder.Append(Marker);
            return;
        }

        builder.Append(pair[..(equals + 1)]);
        if (!pair[(equals + 1)..].Trim().IsEmpty)
        {
            builder.Append(Marker);
        }
    }
}
