using SnoopRecorder.Api.Hosting;
using SnoopRecorder.Api.Imports;

if (args is [ImportCommand.Name, ..])
{
    return await ImportCommand.RunAsync(args[1..]);
}

var app = SnoopWebApplication.Create(args is [ServeCommandName, ..] ? args[1..] : args);
await app.RunAsync();
return 0;

/// <summary>The <c>snooprecorder</c> program: <c>serve</c> (the default) or <c>import FILE [--name NAME]</c>.</summary>
public partial class Program
{
    private const string ServeCommandName = "serve";
}
