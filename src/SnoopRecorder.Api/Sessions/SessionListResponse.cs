namespace SnoopRecorder.Api.Sessions;

/// <summary>Sessions, newest first.</summary>
public sealed record SessionListResponse(IReadOnlyList<SessionResponse> Items);
