using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MfaGateway.Storage;

/// <summary>
/// The Data Protection key ring in a folder only the gateway's account can open, each key file 0600.
/// Keys are written by <see cref="FileSystemXmlRepository"/> (a temporary file renamed into place, with
/// the process's umask); the folder being 0700 is what keeps them private until they are tightened.
/// </summary>
public sealed class OwnerOnlyXmlRepository : IXmlRepository
{
    private readonly DirectoryInfo _directory;
    private readonly FileSystemXmlRepository _files;
    private readonly ILogger _logger;

    public OwnerOnlyXmlRepository(DirectoryInfo directory, ILoggerFactory loggerFactory)
    {
        _directory = directory;
        _logger = loggerFactory.CreateLogger<OwnerOnlyXmlRepository>();
        OwnerOnlyFiles.CreateDirectory(directory.FullName);
        OwnerOnlyFiles.Tighten(directory.FullName, _logger);
        TightenKeyFiles();
        _files = new FileSystemXmlRepository(directory, loggerFactory);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        TightenKeyFiles();
    }

    private void TightenKeyFiles()
    {
        foreach (var file in _directory.EnumerateFiles("*.xml"))
        {
            OwnerOnlyFiles.Tighten(file.FullName, _logger);
        }
    }
}
