namespace SnoopRecorder.Api.Imports;

/// <summary>The stream of an uploaded capture and the file name the client gave it, if any.</summary>
public sealed record CaptureUpload(Stream Content, string? FileName);
