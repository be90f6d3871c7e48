using System.Reflection;
using System.Text.RegularExpressions;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Enforcement;

/// <summary>The wire error codes are one table, documented in the README, and written nowhere else.</summary>
public sealed partial class ErrorCodesTests
{
    private static readonly IReadOnlyList<string> Codes = [.. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)];

    [Fact]
    public void No_two_names_in_the_table_share_a_code()
    {
        Assert.Equal(Codes.Count, Codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_readme_error_table_lists_exactly_the_codes_of_the_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("### Error codes", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", section.IndexOf("| code |", StringComparison.Ordinal), StringComparison.Ordinal)];

        var documented = ReadmeRow().Matches(section).Select(row => row.Groups["code"].Value).ToList();

        Assert.Equal(Codes.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_source_file_writes_a_code_as_a_literal()
    {
        var source = Path.Combine(RepositoryRoot.Path, "src", "MfaGateway");
        var table = Path.Combine(source, "Enforcement", "ErrorCodes.cs");
        var literals = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => file != table)
            .SelectMany(file =>
            {
                var text = File.ReadAllText(file);
                return Codes.Where(code => text.Contains('"' + code + '"', StringComparison.Ordinal)).Select(code => $"{Path.GetRelativePath(source, file)}: {code}");
            })
            .ToList();

        Assert.Empty(literals);
    }

    [GeneratedRegex(@"^\| `(?<code>[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();
}
