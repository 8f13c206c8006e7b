using SnoopRecorder.Http;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Benchmarks.Http;

/// <summary>Counts exchanges and body bytes, keeping none of them.</summary>
internal sealed class CountingExchangeSink : IHttpExchangeSink
{
    public int Exchanges { get; private set; }

    public int Complete { get; private set; }

    /// <summary>Exchanges without any issue, not even a body truncated by the storage cap.</summary>
    public int Clean { get; private set; }

    public long ResponseBodyBytes { get; private set; }

    public void OnExchange(HttpExchange exchange)
    {
        Exchanges++;
        if (exchange.IsComplete)
        {
            Complete++;
        }

        if (exchange.Issues == ExchangeIssues.None)
        {
            Clean++;
        }

        ResponseBodyBytes += exchange.ResponseBody.Size;
    }
}
