using CaseFlow.Cli;

return CaseFlowCli.Invoke(args, Console.Out, Console.Error);
