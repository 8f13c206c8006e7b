using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// Checks a document against HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): every required field of log,
/// creator, entries, request, response, content, cache and timings with its JSON type, the optional ones the export
/// writes with theirs, and that an entry's timings add up to its time.
/// </summary>
public static partial class HarValidator
{
    /// <summary>Every violation found, each with its JSON path; empty for a valid document.</summary>
    public static List<string> Validate(JsonElement root)
    {
        var errors = new List<string>();
        if (Object(root, "$", errors) && Property(root, "log", JsonValueKind.Object, "$", errors) is { } log)
        {
            ValidateLog(log, errors);
        }

        return errors;
    }

    private static void ValidateLog(JsonElement log, List<string> errors)
    {
        if (Property(log, "version", JsonValueKind.String, "log", errors) is { } version && version.GetString() != "1.2")
        {
            errors.Add($"log.version: expected \"1.2\", got \"{version.GetString()}\"");
        }

        if (Property(log, "creator", JsonValueKind.Object, "log", errors) is { } creator)
        {
            Property(creator, "name", JsonValueKind.String, "log.creator", errors);
            Property(creator, "version", JsonValueKind.String, "log.creator", errors);
        }

        Optional(log, "pages", JsonValueKind.Array, "log", errors);
        if (Property(log, "entries", JsonValueKind.Array, "log", errors) is { } entries)
        {
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                ValidateEntry(entry, $"log.entries[{index++}]", errors);
            }
        }
    }

    private static void ValidateEntry(JsonElement entry, string path, List<string> errors)
    {
        if (!Object(entry, path, errors))
        {
            return;
        }

        if (Property(entry, "startedDateTime", JsonValueKind.String, path, errors) is { } started
            && (!IsoDateTime().IsMatch(started.GetString()!)
                || !DateTimeOffset.TryParse(started.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            errors.Add($"{path}.startedDateTime: not ISO 8601 with a zone: {started.GetString()}");
        }

        var time = Property(entry, "time", JsonValueKind.Number, path, errors)?.GetDouble();
        if (time < 0)
        {
            errors.Add($"{path}.time: negative");
        }

        if (Property(entry, "request", JsonValueKind.Object, path, errors) is { } request)
        {
            ValidateRequest(request, $"{path}.request", errors);
        }

        if (Property(entry, "response", JsonValueKind.Object, path, errors) is { } response)
        {
            ValidateResponse(response, $"{path}.response", errors);
        }

        Property(entry, "cache", JsonValueKind.Object, path, errors);
        if (Property(entry, "timings", JsonValueKind.Object, path, errors) is { } timings && time is { } total)
        {
            ValidateTimings(timings, total, $"{path}.timings", errors);
        }

        if (Optional(entry, "serverIPAddress", JsonValueKind.String, path, errors) is { } ip && !IPAddress.TryParse(ip.GetString(), out _))
        {
            errors.Add($"{path}.serverIPAddress: not an IP address: {ip.GetString()}");
        }

        Optional(entry, "connection", JsonValueKind.String, path, errors);
        Optional(entry, "pageref", JsonValueKind.String, path, errors);
        Optional(entry, "comment", JsonValueKind.String, path, errors);
    }

    private static void ValidateRequest(JsonElement request, string path, List<string> errors)
    {
        Property(request, "method", JsonValueKind.String, path, errors);
        if (Property(request, "url", JsonValueKind.String, path, errors) is { } url && !Uri.TryCreate(url.GetString(), UriKind.Absolute, out _))
        {
            errors.Add($"{path}.url: not an absolute URL: {url.GetString()}");
        }

        Property(request, "httpVersion", JsonValueKind.String, path, errors);
        NameValues(request, "cookies", path, errors);
        NameValues(request, "headers", path, errors);
        NameValues(request, "queryString", path, errors);
        if (Optional(request, "postData", JsonValueKind.Object, path, errors) is { } postData)
        {
            Property(postData, "mimeType", JsonValueKind.String, $"{path}.postData", errors);
            Optional(postData, "text", JsonValueKind.String, $"{path}.postData", errors);
            Optional(postData, "comment", JsonValueKind.String, $"{path}.postData", errors);
            if (Optional(postData, "params", JsonValueKind.Array, $"{path}.postData", errors) is not null)
            {
                NameValues(postData, "params", $"{path}.postData", errors);
            }
        }

        Property(request, "headersSize", JsonValueKind.Number, path, errors);
        Property(request, "bodySize", JsonValueKind.Number, path, errors);
    }

    private static void ValidateResponse(JsonElement response, string path, List<string> errors)
    {
        Property(response, "status", JsonValueKind.Number, path, errors);
        Property(response, "statusText", JsonValueKind.String, path, errors);
        Property(response, "httpVersion", JsonValueKind.String, path, errors);
        NameValues(response, "cookies", path, errors);
        NameValues(response, "headers", path, errors);
        if (Property(response, "content", JsonValueKind.Object, path, errors) is { } content)
        {
            var at = $"{path}.content";
            Property(content, "size", JsonValueKind.Number, at, errors);
            Optional(content, "compression", JsonValueKind.Number, at, errors);
            Property(content, "mimeType", JsonValueKind.String, at, errors);
            Optional(content, "text", JsonValueKind.String, at, errors);
            if (Optional(content, "encoding", JsonValueKind.String, at, errors) is { } encoding
                && (encoding.GetString() != "base64" || !content.TryGetProperty("text", out var text) || !IsBase64(text.GetString()!)))
            {
                errors.Add($"{at}.encoding: base64 without base64 text");
            }

            Optional(content, "comment", JsonValueKind.String, at, errors);
        }

        Property(response, "redirectURL", JsonValueKind.String, path, errors);
        Property(response, "headersSize", JsonValueKind.Number, path, errors);
        Property(response, "bodySize", JsonValueKind.Number, path, errors);
    }

    // send, wait and receive are required and never -1; the others are optional, -1 when not applicable. ssl is
    // part of connect, so it is not added again.
    private static void ValidateTimings(JsonElement timings, double time, string path, List<string> errors)
    {
        var sum = 0d;
        foreach (var name in new[] { "send", "wait", "receive" })
        {
            if (Property(timings, name, JsonValueKind.Number, path, errors)?.GetDouble() is { } value)
            {
                if (value < 0)
                {
                    errors.Add($"{path}.{name}: negative");
                }

                sum += value;
            }
        }

        foreach (var name in new[] { "blocked", "dns", "connect", "ssl" })
        {
            if (Optional(timings, name, JsonValueKind.Number, path, errors)?.GetDouble() is { } value)
            {
                if (value < -1)
                {
                    errors.Add($"{path}.{name}: below -1");
                }
                else if (value >= 0 && name != "ssl")
                {
                    sum += value;
                }
            }
        }

        if (Math.Abs(sum - time) > 1e-9)
        {
            errors.Add($"{path}: timings add up to {sum}, time is {time}");
        }
    }

    private static void NameValues(JsonElement parent, string name, string path, List<string> errors)
    {
        if (Property(parent, name, JsonValueKind.Array, path, errors) is not { } array)
        {
            return;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{path}.{name}[{index++}]";
            if (Object(item, at, errors))
            {
                Property(item, "name", JsonValueKind.String, at, errors);
                Property(item, "value", JsonValueKind.String, at, errors);
            }
        }
    }

    private static bool Object(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        errors.Add($"{path}: expected an object, got {element.ValueKind}");
        return false;
    }

    private static JsonElement? Property(JsonElement parent, string name, JsonValueKind kind, string path, List<string> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            errors.Add($"{path}.{name}: missing");
            return null;
        }

        return Typed(value, kind, $"{path}.{name}", errors);
    }

    private static JsonElement? Optional(JsonElement parent, string name, JsonValueKind kind, string path, List<string> errors) =>
        parent.TryGetProperty(name, out var value) ? Typed(value, kind, $"{path}.{name}", errors) : null;

    private static JsonElement? Typed(JsonElement value, JsonValueKind kind, string path, List<string> errors)
    {
        if (value.ValueKind == kind)
        {
            return value;
        }

        errors.Add($"{path}: expected {kind}, got {value.ValueKind}");
        return null;
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex IsoDateTime();
}
