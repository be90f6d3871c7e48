using System.Reflection;
using System.Text.RegularExpressions;
using MfaGateway.Observability;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Observability;

public sealed partial class EventIdsTests
{
    private const BindingFlags AnyMethod = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_two_log_methods_share_an_event_id()
    {
        var shared = LogMethods()
            .GroupBy(m => m.Attribute.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}")
            .ToList();

        Assert.Empty(shared);
    }

    [Fact]
    public void Every_log_method_has_an_id_from_the_table()
    {
        var table = TableIds().Select(id => id.Value).ToHashSet();

        var outside = LogMethods().Where(m => !table.Contains(m.Attribute.EventId)).Select(m => $"{m.Name}: {m.Attribute.EventId}").ToList();

        Assert.Empty(outside);
    }

    [Fact]
    public void No_two_names_in_the_table_share_an_id_and_every_one_is_logged()
    {
        var ids = TableIds();
        var logged = LogMethods().Select(m => m.Attribute.EventId).ToHashSet();

        Assert.Equal(ids.Count, ids.Select(id => id.Value).Distinct().Count());
        Assert.Empty(ids.Where(id => !logged.Contains(id.Value)).Select(id => id.Name));
    }

    [Fact]
    public void Every_logger_message_attribute_names_its_id_from_the_table_not_a_literal()
    {
        var source = Path.Combine(RepositoryRoot.Path, "src");
        var literal = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => LoggerMessageAttribute().Matches(File.ReadAllText(file))
                .Where(match => !match.Value.Contains("EventId = EventIds.", StringComparison.Ordinal))
                .Select(match => $"{Path.GetRelativePath(source, file)}: {match.Value}"))
            .ToList();

        Assert.Empty(literal);
    }

    private static List<(string Name, LoggerMessageAttribute Attribute)> LogMethods() =>
        [.. typeof(EventIds).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(AnyMethod))
            .Select(method => (Name: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Name, m.Attribute!))];

    private static List<(string Name, int Value)> TableIds() =>
        [.. typeof(EventIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (field.Name, (int)field.GetRawConstantValue()!))];

    [GeneratedRegex(@"\[LoggerMessage\([^\]]*")]
    private static partial Regex LoggerMessageAttribute();
}
