namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Host filter: matches the host name case-insensitively, and the port too when one is given. A name of the form
/// <c>*.example.com</c> matches every subdomain of example.com (sub.example.com, a.b.example.com), not example.com.
/// </summary>
public sealed record HostFilter(string Name, int? Port)
{
    public const string Accepted =
        "a host name or address, optionally with :port (example.com, example.com:8080), or *.example.com for its subdomains";

    private const string WildcardPrefix = "*.";

    /// <summary>True for <c>*.example.com</c>.</summary>
    public bool IsWildcard => Name.StartsWith(WildcardPrefix, StringComparison.Ordinal);

    /// <summary>What a matching name ends with: <c>.example.com</c> for <c>*.example.com</c>, else the whole name.</summary>
    public string Suffix => IsWildcard ? Name[1..] : Name;

    public static bool TryParse(string? text, out HostFilter? filter)
    {
        filter = null;
        if (string.IsNullOrWhiteSpace(text) || !HostAuthority.TrySplit(text, out var name, out var port) || name.Length == 0)
        {
            return false;
        }

        // A star is only allowed as the whole first label: "*.example.com".
        var star = name.LastIndexOf('*');
        if (star > 0 || (star == 0 && (!name.StartsWith(WildcardPrefix, StringComparison.Ordinal)
            || name.Length == WildcardPrefix.Length || name[WildcardPrefix.Length] == '.')))
        {
            return false;
        }

        filter = new HostFilter(name, port);
        return true;
    }
}
