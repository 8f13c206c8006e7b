using System.Buffers;

namespace SnoopRecorder.Http.Parsing;

/// <summary>Byte-level grammar of HTTP/1.x start lines and fields (RFC 9110 §5.6, RFC 9112 §3–4).</summary>
internal static class HttpSyntax
{
    public const byte Cr = (byte)'\r';
    public const byte Lf = (byte)'\n';
    public const byte Space = (byte)' ';
    public const byte Tab = (byte)'\t';
    public const byte Colon = (byte)':';

    public const int VersionLength = 8;

    /// <summary>What a request line without a version is taken as (RFC 9112 Appendix C.1).</summary>
    public const string Http09Version = "HTTP/0.9";

    private const int StatusCodeLength = 3;

    // tchar, RFC 9110 §5.6.2.
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> VersionlessMethodBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ_-"u8);

    private static ReadOnlySpan<byte> VersionPrefix => "HTTP/"u8;

    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    public static bool IsTokenByte(byte value) => TokenBytes.Contains(value);

    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(TokenBytes);

    public static bool IsWhitespace(byte value) => value is Space or Tab;

    public static ReadOnlySpan<byte> TrimOws(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);

    /// <summary>The line without its LF and, when present, the CR before it (bare LF is tolerated, RFC 9112 §2.2).</summary>
    public static ReadOnlySpan<byte> TrimLineEnding(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == Lf)
        {
            line = line[..^1];
        }

        if (!line.IsEmpty && line[^1] == Cr)
        {
            line = line[..^1];
        }

        return line;
    }

    public static bool IsHttp1Version(ReadOnlySpan<byte> value)
        => value.Length == VersionLength && value.StartsWith("HTTP/1."u8) && char.IsAsciiDigit((char)value[7]);

    /// <summary>
    /// request-line = method SP request-target SP HTTP-version. The target is taken between the first and the last
    /// space, so a target with raw spaces (seen in real traffic) still parses.
    /// </summary>
    public static bool TrySplitRequestLine(ReadOnlySpan<byte> line, out Range method, out Range target, out Range version)
    {
        method = target = version = default;
        var firstSpace = line.IndexOf(Space);
        var lastSpace = line.LastIndexOf(Space);
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return false;
        }

        var targetSpan = line[(firstSpace + 1)..lastSpace];
        if (!IsToken(line[..firstSpace]) || !IsHttp1Version(line[(lastSpace + 1)..]) || targetSpan.ContainsAny(ControlBytes)
            || targetSpan[0] == Space)
        {
            return false;
        }

        method = ..firstSpace;
        target = (firstSpace + 1)..lastSpace;
        version = (lastSpace + 1)..;
        return true;
    }

    /// <summary>
    /// A request line that is clearly meant as HTTP/1.x but breaks the grammar in its target or version: "METHOD SP
    /// HTTP-version" with no target (target is empty), or "METHOD SP target SP HTTP/..." with a version that is not
    /// HTTP/1.x ("HTTP/1."). Servers answer these (Apache served "GET HTTP/1.1" with 200), so they are requests,
    /// flagged malformed by the caller, and their field lines follow. Trusted only at a message boundary.
    /// </summary>
    public static bool TrySplitDefectiveRequestLine(ReadOnlySpan<byte> line, out Range method, out Range target, out Range version)
    {
        method = target = version = default;
        var firstSpace = line.IndexOf(Space);
        if (firstSpace <= 0 || !IsToken(line[..firstSpace]) || line.ContainsAny(ControlBytes))
        {
            return false;
        }

        method = ..firstSpace;
        var rest = line[(firstSpace + 1)..];
        if (IsHttp1Version(rest))
        {
            target = (firstSpace + 1)..(firstSpace + 1);
            version = (firstSpace + 1)..;
            return true;
        }

        var lastSpace = line.LastIndexOf(Space);
        var claimed = line[(lastSpace + 1)..];
        if (lastSpace <= firstSpace + 1 || line[firstSpace + 1] == Space || !claimed.StartsWith(VersionPrefix) || IsWellFormedVersion(claimed))
        {
            // A well-formed version that is not 1.x ("PRI * HTTP/2.0", the HTTP/2 preface) is another protocol.
            return false;
        }

        target = (firstSpace + 1)..lastSpace;
        version = (lastSpace + 1)..;
        return true;
    }

    private static bool IsWellFormedVersion(ReadOnlySpan<byte> value)
        => value.Length == VersionLength && value.StartsWith(VersionPrefix) && char.IsAsciiDigit((char)value[5]) && value[6] == (byte)'.'
            && char.IsAsciiDigit((char)value[7]);

    /// <summary>status-line = HTTP-version SP status-code SP [ reason-phrase ]; a missing SP after the code is tolerated.</summary>
    public static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int statusCode, out Range reason)
    {
        statusCode = 0;
        reason = default;
        const int codeStart = VersionLength + 1;
        const int codeEnd = codeStart + StatusCodeLength;
        if (line.Length < codeEnd || !IsHttp1Version(line[..VersionLength]) || line[VersionLength] != Space)
        {
            return false;
        }

        for (var i = codeStart; i < codeEnd; i++)
        {
            if (!char.IsAsciiDigit((char)line[i]))
            {
                return false;
            }

            statusCode = (statusCode * 10) + (line[i] - '0');
        }

        if (statusCode < 100 || (line.Length > codeEnd && line[codeEnd] != Space))
        {
            return false;
        }

        reason = line.Length > codeEnd ? (codeEnd + 1).. : codeEnd..;
        return true;
    }

    /// <summary>
    /// An HTTP/0.9-style request line, "METHOD SP target" without a version (scanners and old clients send it):
    /// an upper-case method (letters, '_' and '-', as in CCM_POST or VERSION-CONTROL) and a target that starts with
    /// '/' or is '*'. The target holds no space (RFC 1945 §4.1 Simple-Request), so "T / HTTP" is not one.
    /// </summary>
    public static bool IsVersionlessRequestLine(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf(Space);
        if (space <= 0 || space + 1 >= line.Length || line[(space + 1)..].ContainsAny(ControlBytes)
            || line[(space + 1)..].Contains(Space))
        {
            return false;
        }

        var method = line[..space];
        var target = line[(space + 1)..];
        return !method.ContainsAnyExcept(VersionlessMethodBytes) && (target[0] == (byte)'/' || target.SequenceEqual("*"u8));
    }

    /// <summary>
    /// True when a line that is not whole yet already reads like the start of a request line: a method token, SP, and
    /// the first byte of a target. Used for messages cut before their request line ended.
    /// </summary>
    public static bool LooksLikeRequestLineStart(ReadOnlySpan<byte> partialLine)
    {
        var space = partialLine.IndexOf(Space);
        return space > 0 && space + 1 < partialLine.Length && IsToken(partialLine[..space])
            && !IsWhitespace(partialLine[space + 1]) && !ControlBytes.Contains(partialLine[space + 1]);
    }
}
