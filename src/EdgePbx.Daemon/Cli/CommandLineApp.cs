using System.CommandLine;

namespace EdgePbx.Daemon.Cli;

/// <summary>The <c>edgepbx</c> command line: <c>run</c> (the default verb), <c>version</c>, and the tools' verbs.</summary>
public static class CommandLineApp
{
    public static RootCommand Create()
    {
        var root = new RootCommand("EdgePbx: the edge PBX daemon and its tools")
        {
            RunVerb.Create(),
            VersionVerb.Create(),
            PlanVerb.Create(),
        };
        foreach (var verb in DataVerbs.Create())
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    public static Task<int> InvokeAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Create().Parse(WithDefaultVerb(args)).InvokeAsync();
    }

    /// <summary>A bare <c>edgepbx</c> or one starting with an option means <c>edgepbx run ...</c>.</summary>
    public static string[] WithDefaultVerb(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool startsWithRunOption = args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal)
            && args[0] is not ("--help" or "--version");
        return args.Length == 0 || startsWithRunOption ? ["run", .. args] : args;
    }
}
