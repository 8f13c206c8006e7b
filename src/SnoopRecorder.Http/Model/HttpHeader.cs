namespace SnoopRecorder.Http.Model;

/// <summary>One header field exactly as it was sent: name case and order are preserved, duplicates are separate entries.</summary>
public readonly record struct HttpHeader(string Name, string Value);
