namespace SnoopRecorder.Api.Sessions.Stats;

/// <summary>The groups left out of a stats answer by <c>top</c>: how many, and how many exchanges they hold.</summary>
public sealed record OtherGroupsResponse(long Groups, long Count);
