namespace SnoopRecorder.Api.Recording;

/// <summary>
/// What a live session records, resolved when it started: stored with the session and shown as its <c>target</c>.
/// <c>kind</c> is <c>container</c>, <c>pod</c>, <c>pid</c>, <c>netns</c> or <c>host</c>; <c>netnsInode</c> is the
/// network namespace's inode as the capture thread read it from inside (what <c>lsns -t net</c> shows).
/// </summary>
public sealed record SessionTarget(
    string Kind,
    ulong NetnsInode,
    string? ContainerId = null,
    string? ContainerName = null,
    string? Pod = null,
    string? PodNamespace = null,
    int? Pid = null,
    string? Netns = null);
