using System.Text.RegularExpressions;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Validation;

namespace MfaGateway.Tests.Architecture;

/// <summary>
/// Pins which way the feature folders of src/MfaGateway depend on each other, read from their using
/// directives (C# and Razor) and fully qualified names. Two folders that use each other are one
/// feature split in two, or a type living in the wrong folder: move the type.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    /// <summary>
    /// The two-way dependencies still to untangle, each with its cause. The list may only shrink: a
    /// new pair fails, and so does a listed pair that no longer exists (strike it).
    /// </summary>
    private static readonly (string, string)[] KnownTwoWay = [];

    /// <summary>
    /// Folders everything may use and that use only each other. Validation holds ConfigError, the value
    /// every parser of a setting reports into, and DurationParser: network lists in Networking and the
    /// reputation compilers in Risk read settings as much as Configuration's compilers do, so these sit
    /// below them all.
    /// </summary>
    private static readonly string[] Primitives = ["Networking", "Observability", "Security", "Validation", "WatchedFiles", "Web"];

    /// <summary>They assemble the gateway; nothing else uses them.</summary>
    private static readonly string[] CompositionRoots = ["Hosting", "Cli"];

    private static readonly string SourceRoot = Path.Combine(RepositoryRoot.Path, "src", "MfaGateway");

    [Fact]
    public void No_two_folders_use_each_other_beyond_the_listed_ones()
    {
        var edges = FolderDependencies().Select(d => (d.From, d.To)).ToHashSet();
        var twoWay = edges
            .Where(e => string.CompareOrdinal(e.From, e.To) < 0 && edges.Contains((e.To, e.From)))
            .Select(e => $"{e.From} <-> {e.To}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var known = KnownTwoWay
            .Select(p => string.CompareOrdinal(p.Item1, p.Item2) < 0 ? $"{p.Item1} <-> {p.Item2}" : $"{p.Item2} <-> {p.Item1}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(known, twoWay);
    }

    [Fact]
    public void Composition_roots_are_used_by_nothing_else()
    {
        var users = FolderDependencies()
            .Where(d => CompositionRoots.Contains(d.To) && !CompositionRoots.Contains(d.From))
            .Select(d => $"{d.From} -> {d.To} ({d.File})")
            .ToList();

        Assert.True(users.Count == 0, "Composition roots used by a feature:\n" + string.Join("\n", users));
    }

    [Fact]
    public void Primitives_use_only_primitives()
    {
        var upward = FolderDependencies()
            .Where(d => Primitives.Contains(d.From) && !Primitives.Contains(d.To) && !KnownTwoWay.Contains((d.To, d.From)) && !KnownTwoWay.Contains((d.From, d.To)))
            .Where(d => !(d.From == "Web" && d.To == "Policies")) // paths are compared in CanonicalPath form
            .Select(d => $"{d.From} -> {d.To} ({d.File})")
            .ToList();

        Assert.True(upward.Count == 0, "Primitives depending on features:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void The_access_decision_is_pure()
    {
        // No request, no store, no clock: the decision is a function of what the executors gathered.
        var decisions = Path.Combine(SourceRoot, "Decisions");
        var impure = Directory.EnumerateFiles(decisions, "*.cs", SearchOption.AllDirectories)
            .Where(file => ImpureReference().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(SourceRoot, file))
            .ToList();
        var reaching = FolderDependencies()
            .Where(d => d.From == "Decisions" && d.To is "Storage" or "Audit" or "Enforcement" or "Proxy" or "Hosting" or "Configuration")
            .Select(d => $"{d.To} ({d.File})")
            .ToList();

        Assert.Empty(impure);
        Assert.Empty(reaching);
    }

    [Fact]
    public void The_scan_sees_real_dependencies()
    {
        // Guards the scanner itself: a broken pattern would make the tests above pass vacuously.
        var dependencies = FolderDependencies().ToList();
        Assert.Contains(dependencies, d => d.From == "Hosting" && d.To == "Enforcement");
        Assert.Contains(dependencies, d => d.From == "Pages" && d.To == "Web" && d.File.EndsWith(".cshtml", StringComparison.Ordinal));
        Assert.Matches(ImpureReference(), "Task Decide(HttpContext context)");
        // A relative name with no using ("Policies.RoutePolicy"), so the third pattern is exercised too.
        Assert.Contains(dependencies, d => d.From == "Configuration" && d.To == "Policies" && d.File.EndsWith("RouteMetadataCompiler.cs", StringComparison.Ordinal));
    }

    /// <summary>
    /// The types each folder declares. Code inside the root namespace can name another folder's type
    /// without a using ("Policies.RoutePolicy"); such a name counts when the type is really declared there.
    /// </summary>
    private static readonly Lazy<Dictionary<string, HashSet<string>>> DeclaredTypes = new(() =>
        Directory.GetDirectories(SourceRoot)
            .Select(folder => (Name: Path.GetFileName(folder), Folder: folder))
            .Where(f => f.Name is not ("bin" or "obj"))
            .ToDictionary(
                f => f.Name,
                f => Directory.EnumerateFiles(f.Folder, "*.cs", SearchOption.AllDirectories)
                    .SelectMany(file => TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups["type"].Value))
                    .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal));

    private static IEnumerable<(string From, string To, string File)> FolderDependencies()
    {
        foreach (var file in Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories))
        {
            if (!(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                continue;
            }

            var relative = Path.GetRelativePath(SourceRoot, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Length < 2 || parts[0] is "bin" or "obj")
            {
                continue; // Program.cs at the root is the entry point, above everything
            }

            var from = parts[0];
            var source = File.ReadAllText(file);
            var referenced = UsingDirective().Matches(source).Concat(QualifiedName().Matches(source)).Select(m => m.Groups["folder"].Value)
                .Concat(RelativeName().Matches(source).Where(m => DeclaredTypes.Value.TryGetValue(m.Groups["folder"].Value, out var types) && types.Contains(m.Groups["type"].Value)).Select(m => m.Groups["folder"].Value));
            foreach (var to in referenced.Distinct(StringComparer.Ordinal))
            {
                if (to != from)
                {
                    yield return (from, to, relative);
                }
            }
        }
    }

    [GeneratedRegex(@"^\s*@?(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?MfaGateway\.(?<folder>[A-Za-z]+)", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?(?<!namespace\s)MfaGateway\.(?<folder>[A-Z][A-Za-z]+)\.[A-Z]")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z][A-Za-z]+)(?:\.[A-Z]\w*)*?\.(?<type>[A-Z]\w*)")]
    private static partial Regex RelativeName();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?<type>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b(HttpContext|HttpRequest|TimeProvider|GetUtcNow|DateTimeOffset\.UtcNow|IUserStore|IFactorStore|AuditLog)\b")]
    private static partial Regex ImpureReference();
}
