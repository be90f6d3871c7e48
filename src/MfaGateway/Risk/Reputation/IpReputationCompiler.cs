using System.Collections.Frozen;
using MfaGateway.Validation;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Turns <see cref="IpReputationOptions"/> into <see cref="IpReputationSettings"/>, reading the list
/// files and collecting every error (prefixed with its config key) instead of stopping at the first.
/// </summary>
public static class IpReputationCompiler
{
    private const string Prefix = IpReputationOptions.SectionName;

    /// <param name="baseDirectory">Relative list paths resolve against it (the config file's folder).</param>
    /// <param name="warnings">Problems the gateway starts despite (an Optional Anonymous-IP database that is unusable).</param>
    /// <returns>The settings, or null when <paramref name="errors"/> gained any entry.</returns>
    public static IpReputationSettings? Compile(IpReputationOptions? options, string baseDirectory, ICollection<ConfigError> errors)
    {
        if (options is null)
        {
            return IpReputationSettings.Disabled;
        }

        var before = errors.ErrorCount();
        var blockLists = CompileBlockLists(options.BlockLists, baseDirectory, errors);
        var asns = CompileAsns(options, baseDirectory, errors);
        var provider = options.Provider is null ? null : ProviderSettingsCompiler.Compile(options.Provider, $"{Prefix}:Provider", errors);
        var anonymousIp = AnonymousIpCompiler.Compile(options.AnonymousIp, baseDirectory, errors);
        if (errors.ErrorCount() > before)
        {
            anonymousIp?.Source.Database.Retire();
            return null;
        }

        return new IpReputationSettings { BlockLists = blockLists, DatacenterAsns = asns, Provider = provider, AnonymousIp = anonymousIp };
    }

    private static List<BlockListSettings> CompileBlockLists(List<BlockListOptions> lists, string baseDirectory, ICollection<ConfigError> errors)
    {
        var result = new List<BlockListSettings>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lists.Count; i++)
        {
            var key = $"{Prefix}:BlockLists:{i}";
            var list = lists[i];
            if (string.IsNullOrWhiteSpace(list.Name))
            {
                errors.Add($"{key}:Name", "required (it is shown in audit entries, e.g. \"tor-exits\")");
            }
            else if (!names.Add(list.Name))
            {
                errors.Add($"{key}:Name", $"'{list.Name}' is used by another block list");
            }

            if (!Enum.TryParse<BlockListFormat>(list.Format, ignoreCase: true, out var format) || !Enum.IsDefined(format) || int.TryParse(list.Format, out _))
            {
                errors.Add($"{key}:Format", $"unknown format '{list.Format}' (Auto, Plain, Netset or TorExitList)");
                format = BlockListFormat.Auto;
            }

            if (string.IsNullOrWhiteSpace(list.Path))
            {
                errors.Add($"{key}:Path", "required");
                continue;
            }

            var fullPath = Path.GetFullPath(list.Path, baseDirectory);
            var parsed = BlockListFile.TryRead(fullPath, format, out var error);
            if (error is not null)
            {
                errors.Add($"{key}:Path", error!);
            }
            else if (parsed is not null)
            {
                result.Add(new BlockListSettings(list.Name, fullPath, format, parsed.Set));
            }
        }

        return result;
    }

    private static FrozenSet<long> CompileAsns(IpReputationOptions options, string baseDirectory, ICollection<ConfigError> errors)
    {
        var asns = new HashSet<long>();
        for (var i = 0; i < options.DatacenterAsns.Count; i++)
        {
            if (AsnParser.TryParse(options.DatacenterAsns[i], out var asn))
            {
                asns.Add(asn);
            }
            else
            {
                errors.Add($"{Prefix}:DatacenterAsns:{i}", $"'{options.DatacenterAsns[i]}' is not an AS number (write 16509 or AS16509)");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.DatacenterAsnFile))
        {
            ReadAsnFile(Path.GetFullPath(options.DatacenterAsnFile, baseDirectory), asns, errors);
        }

        return asns.ToFrozenSet();
    }

    private static void ReadAsnFile(string fullPath, HashSet<long> asns, ICollection<ConfigError> errors)
    {
        var key = $"{Prefix}:DatacenterAsnFile";
        try
        {
            using var reader = new StreamReader(fullPath);
            var badLines = new List<BadLine>();
            asns.UnionWith(AsnParser.ReadFile(reader, badLines, out var badLineCount));
            if (badLineCount > 0)
            {
                var described = new BlockListParseResult(IpRangeSet.Empty, 0, BlockListFormat.Plain, badLines, badLineCount).DescribeErrors();
                errors.Add(key, $"'{fullPath}' has {described}");
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.Add(key, $"file '{fullPath}' not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(key, $"cannot read '{fullPath}': {e.Message}");
        }
    }
}
