using System.Text.Json.Serialization;

namespace SnoopRecorder.Storage.Exchanges;

[JsonSerializable(typeof(IReadOnlyList<int>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
