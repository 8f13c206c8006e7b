using System.Buffers;
using System.Text.Json;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Header lists as stored: a JSON array of <c>[name, value]</c> pairs in wire order.</summary>
internal static class HeaderListJson
{
    /// <summary>Writes the UTF-8 JSON of the list into <paramref name="buffer"/> (the bulk writer binds it as is).</summary>
    public static void Write(IReadOnlyList<HeaderRecord> headers, ArrayBufferWriter<byte> buffer)
    {
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var header in headers)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(header.Name);
                writer.WriteStringValue(header.Value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }
    }

    public static IReadOnlyList<HeaderRecord> Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var headers = new List<HeaderRecord>(document.RootElement.GetArrayLength());
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            headers.Add(new HeaderRecord(pair[0].GetString() ?? string.Empty, pair[1].GetString() ?? string.Empty));
        }

        return headers;
    }

    public static string SerializeStatuses(IReadOnlyList<int> statuses) =>
        statuses.Count == 0 ? "[]" : JsonSerializer.Serialize(statuses, StorageJsonContext.Default.IReadOnlyListInt32);

    public static IReadOnlyList<int> DeserializeStatuses(string? json) =>
        string.IsNullOrEmpty(json) || json == "[]"
            ? []
            : JsonSerializer.Deserialize(json, StorageJsonContext.Default.IReadOnlyListInt32) ?? [];
}
