using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Tests.TestSupport;

public sealed class RecordingSink : IHttpExchangeSink
{
    public List<HttpExchange> Exchanges { get; } = [];

    public void OnExchange(HttpExchange exchange) => Exchanges.Add(exchange);
}
