namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Everything stored for one new exchange: row, headers and the (capped) bodies.</summary>
public sealed record ExchangeWrite(
    ExchangeRecord Exchange,
    ExchangeHeaders Headers,
    ReadOnlyMemory<byte> RequestBody,
    ReadOnlyMemory<byte> ResponseBody);
