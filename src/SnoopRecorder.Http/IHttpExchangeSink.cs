using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http;

/// <summary>Receives the exchanges of a conversation, in request order, as soon as each is whole.</summary>
public interface IHttpExchangeSink
{
    void OnExchange(HttpExchange exchange);
}
