namespace SnoopRecorder.Storage.Exchanges;

/// <summary>One exchange with its headers, as the single-exchange view shows it.</summary>
public sealed record ExchangeDetail(ExchangeRecord Exchange, ExchangeHeaders Headers);
