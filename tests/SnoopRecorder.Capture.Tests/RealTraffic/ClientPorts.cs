namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>The local port curl used for each of its runs (curl's <c>%{local_port}</c>), one connection each.</summary>
internal sealed record ClientPorts(int KeepAlive, int Http10, int Upload, int Ipv6, int Close, int Head, int Large);
