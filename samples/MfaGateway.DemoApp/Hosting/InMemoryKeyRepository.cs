using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MfaGateway.DemoApp.Hosting;

/// <summary>
/// Keeps data-protection keys in memory only. Accounts reset on every restart anyway, so sessions
/// may as well, and the demo leaves no key files behind on the machine.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly Lock gate = new();
    private readonly List<XElement> elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (gate)
        {
            return elements.Select(element => new XElement(element)).ToArray();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (gate)
        {
            elements.Add(new XElement(element));
        }
    }
}
