namespace SnoopRecorder.Api.Exchanges;

/// <summary>An IP address and TCP port.</summary>
public sealed record EndpointResponse(string Ip, int Port);
