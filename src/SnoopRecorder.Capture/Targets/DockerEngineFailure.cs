using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;

namespace SnoopRecorder.Capture.Targets;

/// <summary>
/// Tells an engine that cannot be reached from an answer about the container, and says why in words a person can act
/// on. How Docker.DotNet 3.125 reports each case (checked against dockerd 20.10):
/// a missing unix socket and a stopped dockerd (which removes its socket) are an HttpRequestException over a
/// SocketException that .NET words "Cannot assign requested address"; a socket nobody listens on is "Connection
/// refused"; the configured timeout is a TaskCanceledException; an ambiguous id prefix is a DockerApiException whose
/// body says "Multiple IDs found with provided prefix" (status 500 on 20.10, 400 on newer engines).
/// </summary>
internal sealed class DockerEngineFailure(Uri endpoint, TimeSpan timeout)
{
    private const string UnixScheme = "unix";
    private const string AmbiguousPrefixMessage = "multiple IDs found";

    private string Endpoint => endpoint.OriginalString;

    /// <summary>
    /// True when the request got no usable answer (callers catch "no such container" and an ambiguous prefix first),
    /// as opposed to the caller cancelling it.
    /// </summary>
    public static bool IsUnusable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        DockerApiException api => !IsAmbiguousPrefix(api),
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    public static bool IsAmbiguousPrefix(DockerApiException exception) =>
        exception.ResponseBody?.Contains(AmbiguousPrefixMessage, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The engine's own words: its JSON error body carries them in "message".</summary>
    public static string EngineMessage(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return exception.StatusCode.ToString();
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): the body itself is the best description.
        }

        return body;
    }

    public TargetException Unreachable(Exception exception)
    {
        if (exception is DockerApiException api)
        {
            var failure = (int)api.StatusCode >= 500 ? "failed" : "refused the request";
            return new TargetException(
                TargetProblem.EngineUnavailable,
                $"the Docker engine at {Endpoint} {failure} ({(int)api.StatusCode}: {EngineMessage(api)})",
                exception);
        }

        var socket = Innermost<SocketException>(exception);
        return new TargetException(
            TargetProblem.EngineUnavailable,
            $"the Docker engine at {Endpoint} cannot be reached ({Reason(exception, socket)}): {Hint(socket)}",
            exception);
    }

    private string Reason(Exception exception, SocketException? socket)
    {
        if (exception is OperationCanceledException)
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }

        if (socket is null)
        {
            return Innermost<Exception>(exception)!.Message;
        }

        // .NET reports connect() failing with ENOENT on a unix socket as AddressNotAvailable, whose text ("Cannot
        // assign requested address") sends people the wrong way; a missing socket file is what it means.
        if (endpoint.Scheme == UnixScheme && !File.Exists(endpoint.LocalPath))
        {
            return "No such file or directory";
        }

        return socket.Message;
    }

    private string Hint(SocketException? socket) => socket?.SocketErrorCode switch
    {
        SocketError.AccessDenied =>
            "does the service's user have access to the socket (root, or the docker group)?",
        _ when endpoint.Scheme == UnixScheme => "is dockerd running, and is the socket mounted?",
        _ => "is dockerd running and listening there?",
    };

    private static T? Innermost<T>(Exception exception)
        where T : Exception
    {
        T? found = null;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                found = match;
            }
        }

        return found;
    }
}
