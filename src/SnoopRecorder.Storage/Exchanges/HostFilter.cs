namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Host filter: matches the host name case-insensitively, and the port too when one is given.</summary>
public sealed record HostFilter(string Name, int? Port)
{
    public const string Accepted = "a host name or address, optionally with :port (e.g. example.com or example.com:8080)";

    public static bool TryParse(string? text, out HostFilter? filter)
    {
        filter = null;
        if (string.IsNullOrWhiteSpace(text) || !HostAuthority.TrySplit(text, out var name, out var port) || name.Length == 0)
        {
            return false;
        }

        filter = new HostFilter(name, port);
        return true;
    }
}
