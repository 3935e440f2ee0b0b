using System.CommandLine;

namespace EdgePbx.Daemon.Cli;

public static class VersionVerb
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version, runtime and architecture");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(ProgramInfo.Describe());
            return ExitCodes.Ok;
        });
        return command;
    }
}
