using System.Text.Json.Serialization;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// What a live session records, resolved when it started: stored with the session and shown as its <c>target</c>.
/// <c>kind</c> is <c>container</c>, <c>pod</c>, <c>pid</c>, <c>netns</c> or <c>host</c>; <c>netnsInode</c> is the
/// network namespace's inode as the capture thread read it from inside (what <c>lsns -t net</c> shows). Fields that do
/// not apply to the kind are left out.
/// </summary>
public sealed record SessionTarget(
    string Kind,
    ulong NetnsInode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContainerId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContainerName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pod = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PodNamespace = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Pid = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Netns = null);
