using MfaGateway.Cli;
using MfaGateway.Configuration;
using MfaGateway.Hosting;

if (GatewayCommandLine.IsCommand(args))
{
    return await GatewayCommandLine.RunAsync(args);
}

try
{
    await GatewayHost.Build(args).RunAsync();
    return 0;
}
catch (GatewayConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
