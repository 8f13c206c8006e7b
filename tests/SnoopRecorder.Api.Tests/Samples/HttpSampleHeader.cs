namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>A header line of a sample, <c>Name: value</c>, variables not yet substituted.</summary>
public readonly record struct HttpSampleHeader(string Name, string Value);
