using System.Reflection;
using System.Text.RegularExpressions;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Architecture;

/// <summary>
/// Challenges, Risk, Regulation and Audit take a <see cref="MfaGateway.Networking.RequestOrigin"/> and a
/// CancellationToken, never the HTTP request: they can then be used (and tested) without a host, and
/// an HTTP detail cannot leak into a security decision unnoticed.
/// </summary>
public sealed partial class HttpFreeDomainTests
{
    private static readonly string[] DomainFolders = ["Challenges", "Risk", "Regulation", "Audit"];

    private static readonly Type[] HttpTypes =
        [typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(ConnectionInfo), typeof(IHttpContextAccessor)];

    [Fact]
    public void No_member_of_a_domain_type_takes_holds_or_returns_an_http_type()
    {
        var offenders = typeof(AuditLog).Assembly.GetTypes()
            .Where(type => DomainFolders.Any(folder => InFolder(type, folder)))
            .SelectMany(type => Uses(type).Where(use => MentionsHttp(use.Type)).Select(use => $"{type.FullName}: {use.Where}"))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void No_source_file_of_a_domain_folder_mentions_http_context()
    {
        var source = Path.Combine(RepositoryRoot.Path, "src", "MfaGateway");
        var offenders = DomainFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(source, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => HttpContextWord().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(source, file))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_scan_sees_a_member_that_takes_an_http_context()
    {
        var uses = Uses(typeof(HttpTaking)).ToList();

        Assert.Contains(uses, use => MentionsHttp(use.Type));
    }

    private static bool InFolder(Type type, string folder)
    {
        var ns = type.Namespace ?? string.Empty;
        return ns == "MfaGateway." + folder || ns.StartsWith("MfaGateway." + folder + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// Every type a type's members name, compiler-generated ones included: an async method's state
    /// machine holds its parameters and the locals that live across an await as fields.
    /// </summary>
    private static IEnumerable<(Type Type, string Where)> Uses(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(All))
        {
            yield return (field.FieldType, "field " + field.Name);
        }

        foreach (var property in type.GetProperties(All))
        {
            yield return (property.PropertyType, "property " + property.Name);
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                yield return (info.ReturnType, "return of " + method.Name);
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return (parameter.ParameterType, $"parameter {parameter.Name} of {method.Name}");
            }
        }

        foreach (var nested in type.GetNestedTypes(All))
        {
            foreach (var use in Uses(nested))
            {
                yield return (use.Type, nested.Name + "." + use.Where);
            }
        }
    }

    private static bool MentionsHttp(Type type)
    {
        if (type.HasElementType)
        {
            return MentionsHttp(type.GetElementType()!);
        }

        return HttpTypes.Any(http => http.IsAssignableFrom(type))
            || (type.IsGenericType && type.GetGenericArguments().Any(MentionsHttp));
    }

    [GeneratedRegex(@"\bHttpContext\b")]
    private static partial Regex HttpContextWord();

    /// <summary>What the scan must catch: an async method whose state machine keeps the context.</summary>
    private sealed class HttpTaking
    {
        public static async Task<string?> ReadAsync(HttpContext context)
        {
            await Task.Yield();
            return context.Request.Headers.UserAgent;
        }
    }
}
