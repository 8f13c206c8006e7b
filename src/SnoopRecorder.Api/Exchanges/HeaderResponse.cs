namespace SnoopRecorder.Api.Exchanges;

/// <summary>One header field as sent.</summary>
public sealed record HeaderResponse(string Name, string Value);
