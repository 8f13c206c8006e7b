namespace SnoopRecorder.Api.Hosting;

/// <summary>
/// The host's content root: the program's own directory, where its appsettings.json is published, unless one is
/// given (<c>--contentRoot</c>, <c>DOTNET_CONTENTROOT</c>, <c>ASPNETCORE_CONTENTROOT</c>).
/// </summary>
/// <remarks>
/// The framework's default is the working directory, and watching appsettings.json for changes there is a recursive
/// inotify watch of that whole tree: started in /tmp it walked thousands of directories for seconds, and started in
/// the repository (<c>scripts/serve.sh</c>) it watched the default data directory, <c>./data</c>, so that every write
/// of the database and of the capture files woke the watcher.
/// </remarks>
internal static class ContentRoot
{
    private const string Key = "contentRoot";

    public static string? Choose(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[Key];
        return string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null;
    }
}
