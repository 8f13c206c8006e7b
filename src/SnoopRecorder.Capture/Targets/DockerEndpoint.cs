namespace SnoopRecorder.Capture.Targets;

/// <summary>
/// Which Docker engine the service talks to: the configured endpoint when there is one, else the
/// <c>DOCKER_HOST</c> environment variable (as the docker CLI does), else the local socket.
/// </summary>
public static class DockerEndpoint
{
    /// <summary>Where dockerd listens by default, and where a mounted socket is expected in a container.</summary>
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    /// <summary>The variable the docker CLI reads its engine address from.</summary>
    public const string EnvironmentVariable = "DOCKER_HOST";

    /// <summary>The endpoint to use, reading <c>DOCKER_HOST</c> from the process environment.</summary>
    /// <exception cref="ArgumentException">The chosen value is not a <c>unix://</c>, <c>tcp://</c> or <c>http://</c> URI.</exception>
    public static Uri Choose(string? configured) =>
        Choose(configured, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>
    /// The endpoint to use: <paramref name="configured"/> when it is not blank, else <paramref name="dockerHost"/>
    /// (the value of <c>DOCKER_HOST</c>) when it is not blank, else <see cref="DefaultSocket"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The chosen value is not a <c>unix://</c>, <c>tcp://</c> or <c>http://</c> URI.</exception>
    public static Uri Choose(string? configured, string? dockerHost)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured.Trim(), "the configured Docker endpoint");
        }

        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return Parse(dockerHost.Trim(), EnvironmentVariable);
        }

        return new Uri(DefaultSocket);
    }

    private static Uri Parse(string value, string source)
    {
        // Docker.DotNet also knows npipe:// (Windows only) and https:// (needs TLS client certificates, which are not
        // configured here): accepting them would only defer the failure to the first request.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("unix" or "tcp" or "http"))
        {
            throw new ArgumentException(
                $"{source} '{value}' is not a Docker engine address: use unix:///path/to/docker.sock or tcp://host:port.");
        }

        return endpoint;
    }
}
