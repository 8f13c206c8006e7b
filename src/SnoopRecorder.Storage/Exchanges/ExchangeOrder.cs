namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Direction of an exchange list along its sort key, (request time, id).</summary>
public enum ExchangeOrder
{
    /// <summary>Oldest first (the default).</summary>
    Ascending,

    /// <summary>Newest first.</summary>
    Descending,
}
