namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>A generated server: the Host header clients send, where it answers, and what kind of traffic it serves.</summary>
internal sealed record SyntheticHost(string Header, string ServerIp, int ServerPort, SyntheticHostKind Kind);
