using System.Buffers;

namespace SnoopRecorder.Api.Redaction;

/// <summary><c>token = 1*tchar</c> (RFC 9110 §5.6.2): what a field name and an authentication scheme are made of.</summary>
internal static class HttpToken
{
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenCharacters);
}
