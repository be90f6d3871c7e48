using System.Text;
using System.Text.RegularExpressions;
using MfaGateway.Cli;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Administration;

/// <summary>
/// Every command-line example in README.md runs as written, from a copy of the repository's config
/// folder with alice in its database, and ends with the exit code the README promises.
/// </summary>
public sealed partial class ReadmeCommandLineTests : IDisposable
{
    /// <summary>What every example starts with: the README tells readers to run them from the repository root.</summary>
    private const string Invocation = "dotnet run --project src/MfaGateway -- ";

    private readonly string _checkout = Directory.CreateTempSubdirectory("mfa-gateway-readme-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_checkout, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup rather than failing the test.
        }
    }

    [Fact]
    public async Task Every_readme_command_line_example_runs_as_written()
    {
        var examples = CommandLineExamples(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md")));
        Assert.True(examples.Count >= 5, $"only {examples.Count} command-line examples found in README.md");
        await PrepareCheckoutAsync();

        var failures = new StringBuilder();
        foreach (var line in examples)
        {
            if (!line.StartsWith(Invocation, StringComparison.Ordinal))
            {
                failures.AppendLine($"not runnable from the repository root as written: {line}");
                continue;
            }

            var arguments = ShellWords(WithoutComment(line[Invocation.Length..]));
            var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(_checkout, [.. arguments]);
            var expected = ExpectedExitCodes(arguments);
            if (!expected.Contains(exitCode))
            {
                failures.AppendLine($"exit {exitCode}, README promises {string.Join(" or ", expected)}: {line}\n{stdout}\n{stderr}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// The README's forget-device example names a device alice does not have, and says so: exit 6. Its
    /// health example names the container's address, where nothing may listen here: healthy or not are
    /// both what it documents. Every other example succeeds for an existing user.
    /// </summary>
    private static int[] ExpectedExitCodes(IReadOnlyList<string> arguments) => arguments switch
    {
        ["user", "forget-device", ..] => [CliExitCodes.DeviceNotFound],
        ["health", ..] => [CliExitCodes.Success, CliExitCodes.Unhealthy],
        _ => [CliExitCodes.Success],
    };

    /// <summary>The repository's config folder (its paths point at ../data) and a database where alice exists.</summary>
    private async Task PrepareCheckoutAsync()
    {
        var source = Path.Combine(RepositoryRoot.Path, "config");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_checkout, "config", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(Path.Combine(_checkout, "data"));
        var database = new SqliteDatabase(Path.Combine(_checkout, "data", "gateway.db"));
        database.Migrate();
        var users = new SqliteUserStore(database);
        await users.GetOrCreateAsync("bank", "alice", TimeProvider.System.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>Lines of the README's sh blocks that run the gateway executable, in any spelling.</summary>
    private static List<string> CommandLineExamples(string readme) =>
        [.. ShBlock().Matches(readme)
            .SelectMany(block => block.Groups["body"].Value.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => GatewayInvocation().IsMatch(line))];

    private static string WithoutComment(string command)
    {
        var inQuotes = false;
        for (var i = 0; i < command.Length; i++)
        {
            if (command[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (command[i] == '#' && !inQuotes && (i == 0 || char.IsWhiteSpace(command[i - 1])))
            {
                return command[..i];
            }
        }

        return command;
    }

    /// <summary>Splits on spaces, keeping "double-quoted words" whole: all the README's examples use.</summary>
    private static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inQuotes = false;
        var inWord = false;
        foreach (var c in command)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c) && !inQuotes)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        Assert.False(inQuotes, $"unbalanced quotes in: {command}");
        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShBlock();

    [GeneratedRegex(@"^(dotnet\s+(\S*MfaGateway(\.dll)?\b|run\s+--project\s+\S*src/MfaGateway\b)|\S*MfaGateway\s)")]
    private static partial Regex GatewayInvocation();
}
