using CaseFlow.Cli;

return await CaseFlowCli.InvokeAsync(args, Console.Out, Console.Error, CliEnvironment.Console());
