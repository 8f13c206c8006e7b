namespace SnoopRecorder.Storage.Exchanges;

/// <summary>One header or trailer field as sent: case and order kept, duplicates separate.</summary>
public sealed record HeaderRecord(string Name, string Value);
