using MfaGateway.Configuration;
using MfaGateway.Risk;
using Microsoft.Extensions.Configuration;

namespace MfaGateway.Tests.Configuration;

/// <summary>The config files in the repository are what operators copy: they must pass validation.</summary>
public sealed class ShippedConfigFilesTests
{
    [Theory]
    [InlineData("config/gateway.json")]
    [InlineData("appsettings.example.json")]
    public void Shipped_config_file_passes_every_validation(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        using var validator = new GatewayConfigValidator(new YarpConfigChecker());

        var errors = validator.Validate(configuration).ToList();
        var riskData = RiskDataSources.Load(configuration, Path.GetDirectoryName(path)!, errors); // block lists and GeoIP files, beside the file, as at start-up

        // Warnings (an optional GeoIP database not downloaded) do not stop the gateway, so they pass.
        Assert.DoesNotContain(errors, e => e.IsError);
        Assert.NotNull(riskData);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MfaGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MfaGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
