using EdgePbx.Daemon.Cli;

return await CommandLineApp.InvokeAsync(args).ConfigureAwait(false);
