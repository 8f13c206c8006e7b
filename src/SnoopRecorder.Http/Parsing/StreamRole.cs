namespace SnoopRecorder.Http.Parsing;

/// <summary>What one direction of a connection carries: requests (client) or responses (server).</summary>
internal enum StreamRole
{
    Unknown,
    Client,
    Server,
}
