namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Method filter: one or more methods, exact and case-sensitive (RFC 9110 §9.1: methods are case-sensitive).
/// </summary>
public sealed record MethodFilter
{
    public const int MaxMethods = 20;

    public static readonly string Accepted =
        $"an HTTP method token such as GET, or up to {MaxMethods} of them separated by commas (GET,POST); methods are case-sensitive";

    public MethodFilter(IReadOnlyList<string> methods)
    {
        ArgumentOutOfRangeException.ThrowIfZero(methods.Count);
        Methods = methods;
    }

    /// <summary>Distinct, in the order given.</summary>
    public IReadOnlyList<string> Methods { get; }

    public static bool TryParse(string? text, out MethodFilter? filter)
    {
        filter = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var methods = new List<string>();
        foreach (var range in text.AsSpan().Split(','))
        {
            var method = text[range].Trim();
            if (method.Length == 0 || !method.All(IsTokenChar))
            {
                return false;
            }

            if (!methods.Contains(method, StringComparer.Ordinal))
            {
                methods.Add(method);
            }
        }

        if (methods.Count > MaxMethods)
        {
            return false;
        }

        filter = new MethodFilter(methods);
        return true;
    }

    /// <summary>As the filter is written: <c>GET,POST</c>.</summary>
    public override string ToString() => string.Join(',', Methods);

    public bool Equals(MethodFilter? other) => other is not null && Methods.SequenceEqual(other.Methods, StringComparer.Ordinal);

    public override int GetHashCode() => Methods.Aggregate(0, (hash, method) => HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(method)));

    // RFC 9110 §5.6.2 token characters.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
