using MfaGateway.Configuration;
using MfaGateway.Hosting;

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
