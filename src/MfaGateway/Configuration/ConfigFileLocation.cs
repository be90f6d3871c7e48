namespace MfaGateway.Configuration;

/// <summary>
/// Where the config file is. Relative paths inside it (DataDirectory, GeoIP databases, block lists)
/// mean "next to this file", whatever the working directory: the server and the command line started
/// from anywhere with the same --config use the same files.
/// </summary>
public sealed record ConfigFileLocation(string FullPath)
{
    /// <summary>The folder relative paths in the configuration resolve against.</summary>
    public string Directory { get; } = Path.GetDirectoryName(FullPath) ?? FullPath;
}
