namespace SnoopRecorder.Api.Imports;

/// <summary>
/// The parts of a request-target (RFC 9112 §3.2): origin-form <c>/a?b</c>, absolute-form <c>http://h:81/a?b</c>,
/// authority-form <c>h:443</c> (CONNECT) and asterisk-form <c>*</c> (OPTIONS).
/// </summary>
internal readonly record struct RequestTarget(string? Path, string? Query, string? Authority)
{
    private const string SchemeSeparator = "://";

    public static RequestTarget Parse(string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return default;
        }

        if (target == "*")
        {
            return new RequestTarget("*", null, null);
        }

        if (target[0] == '/')
        {
            var (path, query) = SplitQuery(target);
            return new RequestTarget(path, query, null);
        }

        var scheme = target.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (scheme > 0 && !target.AsSpan(0, scheme).ContainsAny('/', '?'))
        {
            var rest = target[(scheme + SchemeSeparator.Length)..];
            var end = rest.IndexOfAny(['/', '?', '#']);
            var authority = end < 0 ? rest : rest[..end];
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                authority = authority[(at + 1)..];
            }

            var remainder = end < 0 ? string.Empty : rest[end..];
            var fragment = remainder.IndexOf('#');
            if (fragment >= 0)
            {
                remainder = remainder[..fragment];
            }

            var (path, query) = SplitQuery(remainder);
            return new RequestTarget(path.Length == 0 ? "/" : path, query, authority.Length == 0 ? null : authority);
        }

        return new RequestTarget(null, null, target);
    }

    private static (string Path, string? Query) SplitQuery(string value)
    {
        var question = value.IndexOf('?');
        return question < 0 ? (value, null) : (value[..question], value[(question + 1)..]);
    }
}
