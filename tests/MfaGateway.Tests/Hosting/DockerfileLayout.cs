using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// Carries out the repository's Dockerfile without a Docker engine: each stage's file system is a
/// folder under <see cref="Root"/>, absolute paths (in COPY, WORKDIR, RUN and ENV) are moved under
/// it, COPY honours .dockerignore, and the build stage's <c>dotnet publish</c> runs as written.
/// An instruction it does not know fails the test, so the Dockerfile cannot drift from what is tested.
/// </summary>
public sealed partial class DockerfileLayout
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _context;
    private readonly List<string> _ignoredNames;
    private readonly Dictionary<string, string> _stageRoots = new(StringComparer.OrdinalIgnoreCase);
    private string _stageRoot = string.Empty;
    private string _workdir = "/";

    private DockerfileLayout(string context, string root)
    {
        _context = context;
        Root = root;
        _ignoredNames = [.. File.ReadAllLines(Path.Combine(context, ".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Replace("**/", string.Empty, StringComparison.Ordinal).TrimEnd('/'))];
    }

    public string Root { get; }

    /// <summary>The final stage's file system root (what the image contains).</summary>
    public string ImageRoot => _stageRoot;

    /// <summary>The final stage's working directory, moved under <see cref="ImageRoot"/>.</summary>
    public string WorkingDirectory => InStage(_workdir);

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string? User { get; private set; }

    public IReadOnlyList<string> Entrypoint { get; private set; } = [];

    public IReadOnlyList<string> HealthCheck { get; private set; } = [];

    public static async Task<DockerfileLayout> BuildAsync(string context, string root)
    {
        var layout = new DockerfileLayout(context, root);
        foreach (var instruction in Instructions(await File.ReadAllTextAsync(Path.Combine(context, "Dockerfile"))))
        {
            await layout.ApplyAsync(instruction);
        }

        return layout;
    }

    /// <summary>An absolute path inside the image, as a path on this machine.</summary>
    public string InStage(string imagePath) => Path.Combine(_stageRoot, imagePath.TrimStart('/'));

    private async Task ApplyAsync(string instruction)
    {
        var space = instruction.IndexOf(' ', StringComparison.Ordinal);
        var keyword = instruction[..space].ToUpperInvariant();
        var rest = instruction[(space + 1)..].Trim();
        switch (keyword)
        {
            case "FROM":
                var stage = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = stage.Length == 3 && stage[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? stage[2] : $"stage{_stageRoots.Count}";
                _stageRoot = Path.Combine(Root, name);
                Directory.CreateDirectory(_stageRoot);
                _stageRoots[name] = _stageRoot;
                _workdir = "/";
                Environment.Clear();
                User = null;
                break;
            case "WORKDIR":
                _workdir = rest.StartsWith('/') ? rest : $"{_workdir.TrimEnd('/')}/{rest}";
                Directory.CreateDirectory(InStage(_workdir));
                break;
            case "COPY":
                Copy(rest);
                break;
            case "RUN":
                await RunAsync(rest);
                break;
            case "ENV":
                foreach (Match pair in EnvPair().Matches(rest))
                {
                    var value = pair.Groups["value"].Value;
                    Environment[pair.Groups["name"].Value] = value.StartsWith('/') ? InStage(value) : value;
                }

                break;
            case "USER":
                User = rest;
                break;
            case "ENTRYPOINT":
                Entrypoint = JsonSerializer.Deserialize<string[]>(rest)!;
                break;
            case "HEALTHCHECK":
                var cmd = rest.IndexOf("CMD ", StringComparison.Ordinal);
                HealthCheck = JsonSerializer.Deserialize<string[]>(rest[(cmd + 4)..])!;
                break;
            case "EXPOSE" or "VOLUME":
                break;
            default:
                throw new NotSupportedException($"Dockerfile instruction not carried out by the test: {instruction}");
        }
    }

    private void Copy(string arguments)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var from = _context;
        var fromImage = false;
        if (parts[0].StartsWith("--from=", StringComparison.Ordinal))
        {
            from = _stageRoots[parts[0]["--from=".Length..]];
            fromImage = true;
            parts.RemoveAt(0);
        }

        var destination = parts[^1].StartsWith('/') ? parts[^1] : $"{_workdir.TrimEnd('/')}/{parts[^1]}";
        foreach (var source in parts[..^1])
        {
            var sourcePath = Path.Combine(from, source.TrimStart('/'));
            if (Directory.Exists(sourcePath))
            {
                CopyDirectory(sourcePath, InStage(destination), honourIgnore: !fromImage);
            }
            else
            {
                var target = destination.EndsWith('/') ? Path.Combine(InStage(destination), Path.GetFileName(sourcePath)) : InStage(destination);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(sourcePath, target, overwrite: true);
            }
        }
    }

    private void CopyDirectory(string source, string target, bool honourIgnore)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (!honourIgnore || !_ignoredNames.Contains(name, StringComparer.Ordinal))
            {
                CopyDirectory(directory, Path.Combine(target, name), honourIgnore);
            }
        }
    }

    private async Task RunAsync(string command)
    {
        foreach (var step in command.Split("&&", StringSplitOptions.TrimEntries))
        {
            var words = step.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "dotnet" when words[1] == "publish":
                    await PublishAsync(words[1..]);
                    break;
                case "mkdir" when words[1] == "-p":
                    foreach (var path in words[2..])
                    {
                        Directory.CreateDirectory(InStage(path));
                    }

                    break;
                case "chmod" when !OperatingSystem.IsWindows():
                    foreach (var path in words[2..])
                    {
                        File.SetUnixFileMode(InStage(path), (UnixFileMode)Convert.ToInt32(words[1], 8));
                    }

                    break;
                case "chown":
                    // The image's user does not exist here; the test process owns what it lays out.
                    break;
                default:
                    throw new NotSupportedException($"RUN step not carried out by the test: {step}");
            }
        }
    }

    private async Task PublishAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Infrastructure.GatewayProcess.DotnetHost)
        {
            WorkingDirectory = InStage(_workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument.StartsWith('/') ? InStage(argument) : argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{await stdout}\n{await stderr}");
    }

    /// <summary>The Dockerfile's instructions, comments dropped and continuation lines joined.</summary>
    private static IEnumerable<string> Instructions(string dockerfile)
    {
        var current = string.Empty;
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1].Trim() + " ";
                continue;
            }

            yield return (current + line.Trim()).Trim();
            current = string.Empty;
        }
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex EnvPair();
}
