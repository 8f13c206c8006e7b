namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// What session statistics group exchanges by: the Host header as sent, the method and the path, each null when the
/// exchange has none (a response without its request, a request without a Host header).
/// </summary>
public readonly record struct ExchangeGroupKey(string? Host, string? Method, string? Path)
{
    /// <summary>Ordinal order of host, then method, then path, null first: how groups of equal counts are ordered.</summary>
    internal static int Compare(ExchangeGroupKey a, ExchangeGroupKey b)
    {
        var host = string.CompareOrdinal(a.Host, b.Host);
        if (host != 0)
        {
            return host;
        }

        var method = string.CompareOrdinal(a.Method, b.Method);
        return method != 0 ? method : string.CompareOrdinal(a.Path, b.Path);
    }
}
